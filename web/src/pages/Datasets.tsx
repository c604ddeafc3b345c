import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { STATUSES, STATUS_LABELS, type DatasetDetail, type DatasetSummary, type Status } from '../../../src/api/contract.js';
import { api, ApiException, messageOf } from '../api.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import { fmtTime } from '../format.js';

export const STATUS_COLORS: Record<Status, string> = {
  draft: 'default',
  submitted: 'processing',
  unit_approved: 'cyan',
  returned: 'error',
  finance_approved: 'green',
  published: 'success',
};

export function StatusTag({ status }: { status: Status }) {
  return <Tag color={STATUS_COLORS[status]} data-testid="status-tag">{STATUS_LABELS[status]}</Tag>;
}

export function DatasetsPage() {
  const { me } = useSession();
  const { message } = App.useApp();
  const [rows, setRows] = useState<DatasetSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [year, setYear] = useState<number | undefined>();
  const [status, setStatus] = useState<Status | undefined>();
  const [creating, setCreating] = useState(false);

  const load = useCallback(() => {
    const q = new URLSearchParams();
    if (year) q.set('year', String(year));
    if (status) q.set('status', status);
    const qs = q.toString();
    api
      .get<DatasetSummary[]>(`/datasets${qs ? `?${qs}` : ''}`)
      .then((r) => {
        setRows(r);
        setError(null);
      })
      .catch((e: unknown) => setError(messageOf(e)));
  }, [year, status]);
  useEffect(load, [load]);

  return (
    <Card
      title="数据列表"
      extra={
        <Space>
          <InputNumber placeholder="年度" value={year ?? null} onChange={(v) => setYear(v ?? undefined)} min={2000} max={2100} style={{ width: 100 }} />
          <Select placeholder="状态" allowClear value={status} onChange={(v) => setStatus(v)} style={{ width: 140 }} options={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
          {me.role === 'filler' && (
            <>
              <Button onClick={() => navigate('/import')}>导入 Excel</Button>
              <Button type="primary" onClick={() => setCreating(true)}>新建</Button>
            </>
          )}
        </Space>
      }
    >
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
      <Table<DatasetSummary>
        rowKey="id"
        loading={rows === null && !error}
        dataSource={rows ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(r) => ({ onClick: () => navigate(`/datasets/${r.id}`), style: { cursor: 'pointer' } })}
        locale={{ emptyText: '暂无数据' }}
        columns={[
          { title: '单位', dataIndex: 'orgName', render: (v: string, r) => <a href={`#/datasets/${r.id}`}>{v}</a> },
          { title: '年度', dataIndex: 'year', width: 90 },
          { title: '状态', dataIndex: 'status', width: 140, render: (s: Status) => <StatusTag status={s} /> },
          { title: '版本', dataIndex: 'version', width: 80, render: (v: number) => `第${v}版` },
          { title: '错误', dataIndex: 'errors', width: 80, render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n) },
          { title: '警告', dataIndex: 'warnings', width: 80, render: (n: number) => (n > 0 ? <Typography.Text type="warning">{n}</Typography.Text> : n) },
          { title: '更新时间', dataIndex: 'updatedAt', width: 180, render: fmtTime },
        ]}
      />
      {creating && (
        <CreateDialog
          onClose={() => setCreating(false)}
          onCreated={(d) => {
            message.success(`已新建 ${d.year} 年度数据`);
            navigate(`/datasets/${d.id}`);
          }}
        />
      )}
    </Card>
  );
}

function CreateDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (d: DatasetDetail) => void }) {
  const [form] = Form.useForm<{ year: number; from: 'empty' | 'previous' }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      onCreated(await api.post<DatasetDetail>('/datasets', v));
    } catch (e) {
      setError(messageOf(e));
      if (e instanceof ApiException) form.setFields(Object.entries(e.fields).filter(([name]) => name === 'year' || name === 'from').map(([name, msg]) => ({ name: name as 'year' | 'from', errors: [msg] })));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="新建决算数据" okText="新建" cancelText="取消" onOk={submit} confirmLoading={busy} onCancel={onClose}>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear() - 1, from: 'previous' }}>
        <Form.Item label="年度" name="year" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="内容" name="from">
          <Radio.Group
            options={[
              { value: 'previous', label: '从上年结转（上年决算数作为本年的上年数）' },
              { value: 'empty', label: '空白' },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
