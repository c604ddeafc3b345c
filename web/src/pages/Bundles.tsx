import { useEffect, useState } from 'react';
import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import { API_PREFIX, type Bundle, type BundleFile } from '../../../src/api/contract.js';
import { api, messageOf } from '../api.js';
import { fmtBytes, fmtTime } from '../format.js';

export function BundlesPage() {
  const [rows, setRows] = useState<Bundle[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<Bundle[]>('/bundles').then(setRows, (e: unknown) => setError(messageOf(e)));
  }, []);
  return (
    <Card title="公开报告">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<Bundle>
        rowKey="id"
        loading={rows === null && !error}
        dataSource={rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无公开报告' }}
        columns={[
          { title: '单位', dataIndex: 'orgName' },
          { title: '年度', dataIndex: 'year', width: 80 },
          {
            title: '版次',
            dataIndex: 'edition',
            width: 150,
            render: (e: number, b) => (
              <Space>
                {e === 1 ? '首次公开' : `第${e - 1}次更正`}
                {b.supersededBy !== null && <Tag color="orange" data-testid="superseded">已更正</Tag>}
              </Space>
            ),
          },
          { title: '公开时间', dataIndex: 'publishedAt', width: 180, render: fmtTime },
          { title: '公开人', dataIndex: 'publishedBy', width: 110 },
          { title: '数据版本', dataIndex: 'datasetVersion', width: 90, render: (v: number) => `第${v}版` },
          {
            title: '文件',
            key: 'files',
            render: (_: unknown, b) => (
              <Space direction="vertical" size={2}>
                {b.correctionNote && <Typography.Text type="secondary">更正说明：{b.correctionNote}</Typography.Text>}
                {b.files.map((f: BundleFile) => (
                  <div key={f.name}>
                    <a href={`${API_PREFIX}/bundles/${b.id}/files/${encodeURIComponent(f.name)}`} download={f.name}>{f.name}</a>
                    <Typography.Text type="secondary">（{fmtBytes(f.bytes)}）</Typography.Text>
                    <div><Typography.Text type="secondary" className="mono" style={{ fontSize: 11 }} copyable={{ text: f.sha256 }}>SHA-256：{f.sha256}</Typography.Text></div>
                  </div>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
