import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, InputNumber, List, Space, Typography, Upload } from 'antd';
import { MAX_UPLOAD_BYTES, type DatasetDetail, type DatasetJson, type DatasetSummary } from '../../../src/api/contract.js';
import { api, messageOf } from '../api.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import { liveCheck } from '../check.js';

interface ImportPreview {
  data: DatasetJson;
  read: string[];
  missing: string[];
  problems: string[];
}

export function ImportPage() {
  const { me } = useSession();
  const { message } = App.useApp();
  const [year, setYear] = useState<number>(new Date().getFullYear() - 1);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);

  const upload = async () => {
    if (!file) return;
    setError(null);
    setPreview(null);
    if (!/\.xlsx$/i.test(file.name)) {
      setError('只能导入 .xlsx 格式的 Excel 文件');
      return;
    }
    if (file.size > MAX_UPLOAD_BYTES) {
      setError(`文件过大（${(file.size / 1024 / 1024).toFixed(1)} MB），上限为 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
      return;
    }
    setBusy(true);
    try {
      const form = new FormData();
      form.append('year', String(year));
      form.append('file', file, file.name);
      setPreview(await api.upload<ImportPreview>('/import', form));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const accept = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const y = Number(preview.data['year']) || year;
      const existing = (await api.get<DatasetSummary[]>(`/datasets?year=${y}`)).find((d) => d.orgId === me.orgId);
      const target = existing ? await api.get<DatasetDetail>(`/datasets/${existing.id}`) : await api.post<DatasetDetail>('/datasets', { year: y, from: 'empty' });
      const saved = await api.put<DatasetDetail>(`/datasets/${target.id}`, { baseVersion: target.version, data: preview.data, note: `导入 Excel：${file?.name ?? ''}` });
      message.success(`已导入为第${saved.version}版`);
      navigate(`/datasets/${saved.id}`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const check = preview ? liveCheck(preview.data) : null;
  return (
    <Card title="导入 Excel（部门决算公开表）">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Typography.Text>年度</Typography.Text>
          <InputNumber min={2000} max={2100} precision={0} value={year} onChange={(v) => v && setYear(v)} aria-label="年度" />
          <Upload
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setPreview(null);
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
          >
            <Button>选择 .xlsx 文件</Button>
          </Upload>
          <Button type="primary" disabled={!file} loading={busy && !preview} onClick={() => void upload()} data-testid="import-upload">读取</Button>
        </Space>
        <Typography.Text type="secondary">读取后先预览，不会保存；确认“接受”后载入编辑器并保存为一个新版本。</Typography.Text>
        {error && <Alert type="error" showIcon title={error} data-testid="import-error" />}
        {preview && (
          <>
            <Descriptions
              bordered
              size="small"
              column={1}
              items={[
                { key: 'unit', label: '单位', children: String((preview.data['unit'] as Record<string, unknown> | undefined)?.['name'] ?? '（未读到）') },
                { key: 'year', label: '年度', children: String(preview.data['year'] ?? '') },
                { key: 'check', label: '审核', children: check ? (check.issues.length ? `数据格式问题 ${check.issues.length} 处` : `错误 ${check.findings.filter((f) => f.severity === 'error').length} 个，警告 ${check.findings.filter((f) => f.severity === 'warning').length} 个`) : '' },
              ]}
            />
            <Space align="start" wrap style={{ width: '100%' }}>
              <PreviewList title={`已读取（${preview.read.length}）`} items={preview.read} testid="import-read" />
              <PreviewList title={`缺少（${preview.missing.length}）`} items={preview.missing} testid="import-missing" />
              <PreviewList title={`问题（${preview.problems.length}）`} items={preview.problems} testid="import-problems" danger />
            </Space>
            <Space>
              <Button type="primary" loading={busy} onClick={() => void accept()} data-testid="import-accept">接受，载入编辑器</Button>
              <Button onClick={() => setPreview(null)}>放弃</Button>
            </Space>
          </>
        )}
      </Space>
    </Card>
  );
}

function PreviewList({ title, items, testid, danger }: { title: string; items: string[]; testid: string; danger?: boolean }) {
  return (
    <Card size="small" title={title} style={{ width: 380 }} data-testid={testid}>
      <List size="small" dataSource={items} locale={{ emptyText: '（无）' }} style={{ maxHeight: 320, overflow: 'auto' }} renderItem={(s) => <List.Item>{danger ? <Typography.Text type="danger">{s}</Typography.Text> : s}</List.Item>} />
    </Card>
  );
}
