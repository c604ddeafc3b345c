/**
 * 外部报告审核 (issue 14 part 6): a 财政审核人 uploads reports published outside the system (one or many files, or a
 * .zip), each audited by its own job; per file the findings, each quote highlighted in the document's text (with its
 * page for PDF), filters by severity and rule, and all findings as XLSX.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Empty, Input, List, Select, Segmented, Space, Table, Tag, Typography, Upload } from 'antd';
import {
  API_PREFIX, MAX_REVIEW_FILES, MAX_REVIEW_UPLOAD_BYTES, MAX_UPLOAD_BYTES, quoteContext, REVIEW_EXTENSIONS, REVIEW_SEVERITY_LABELS,
  REVIEW_STATUS_LABELS, type ReviewBatch, type ReviewBatchSummary, type ReviewFileDetail, type ReviewFileStatus, type ReviewFileSummary,
  type ReviewFinding,
} from '../../../src/api/contract.js';
import { api, messageOf } from '../api.js';
import { fmtBytes, fmtTime } from '../format.js';
import { navigate } from '../router.js';

const ACCEPT = [...REVIEW_EXTENSIONS, '.zip'].join(',');
const MB = 1024 * 1024;
const STATUS_COLOR: Record<ReviewFileStatus, string> = { queued: 'default', running: 'processing', done: 'success', failed: 'error' };
const SEVERITY_COLOR = { error: 'red', warning: 'orange' } as const;

export function ReviewsPage() {
  const [files, setFiles] = useState<File[]>([]);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [rows, setRows] = useState<ReviewBatchSummary[] | null>(null);

  useEffect(() => {
    api.get<ReviewBatchSummary[]>('/reviews').then(setRows, (e: unknown) => setError(messageOf(e)));
  }, []);

  const upload = async () => {
    setError(null);
    const bad = files.filter((f) => !ACCEPT.split(',').some((ext) => f.name.toLowerCase().endsWith(ext)));
    if (bad.length) return setError(`不支持的文件类型：${bad.map((f) => f.name).join('、')}（只接受 ${ACCEPT.replaceAll(',', '、')}）`);
    const big = files.filter((f) => f.size > MAX_UPLOAD_BYTES);
    if (big.length) return setError(`文件过大：${big.map((f) => `${f.name}（${fmtBytes(f.size)}）`).join('、')}；每个文件上限 ${MAX_UPLOAD_BYTES / MB} MB`);
    const total = files.reduce((n, f) => n + f.size, 0);
    if (total > MAX_REVIEW_UPLOAD_BYTES) return setError(`所选文件共 ${fmtBytes(total)}，一次上限 ${MAX_REVIEW_UPLOAD_BYTES / MB} MB，请分批上传`);
    setBusy(true);
    try {
      const form = new FormData();
      if (name.trim()) form.append('name', name.trim());
      for (const f of files) form.append('files', f, f.name);
      const b = await api.upload<ReviewBatch>('/reviews', form);
      navigate(`/reviews/${b.id}`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
    return undefined;
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="上传外部报告审核">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            上传其他单位在本系统之外公开的决算报告（{REVIEW_EXTENSIONS.join('、')}，可多选，或打包为 .zip）。每个文件单独审核：
            读不出的文件单独标为失败并说明原因，不影响其他文件。每个文件不超过 {MAX_UPLOAD_BYTES / MB} MB，一次最多 {MAX_REVIEW_FILES} 个、共 {MAX_REVIEW_UPLOAD_BYTES / MB} MB。
          </Typography.Text>
          <Space wrap>
            <Input placeholder="批次名称（可不填）" value={name} onChange={(e) => setName(e.target.value)} style={{ width: 240 }} maxLength={300} aria-label="批次名称" />
            <Upload
              accept={ACCEPT}
              multiple
              beforeUpload={(f, list) => {
                setFiles((old) => [...old, ...list.filter((x) => x === f)]);
                return false;
              }}
              onRemove={(f) => setFiles((old) => old.filter((x) => x.name !== f.name))}
              fileList={files.map((f, i) => ({ uid: String(i), name: f.name, status: 'done' as const }))}
            >
              <Button data-testid="review-choose">选择文件</Button>
            </Upload>
            <Button type="primary" disabled={files.length === 0} loading={busy} onClick={() => void upload()} data-testid="review-upload">上传并审核</Button>
          </Space>
          {error && <Alert type="error" showIcon title={error} data-testid="review-error" />}
        </Space>
      </Card>
      <Card title="审核批次">
        <Table<ReviewBatchSummary>
          rowKey="id"
          size="small"
          loading={rows === null && !error}
          dataSource={rows ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '还没有上传过外部报告' }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: '批次', dataIndex: 'name', render: (n: string, b) => <a href={`#/reviews/${b.id}`}>{n}</a> },
            { title: '上传人', dataIndex: 'uploadedBy' },
            { title: '地区', dataIndex: 'region', render: (r: string | null) => r ?? '—', responsive: ['md'] },
            { title: '上传时间', dataIndex: 'createdAt', render: fmtTime, responsive: ['md'] },
            { title: '文件', dataIndex: 'files', align: 'right' },
            { title: '完成 / 失败', key: 'state', render: (_: unknown, b) => `${b.done} / ${b.failed}` },
            { title: '确定', dataIndex: 'errors', align: 'right' },
            { title: '疑似', dataIndex: 'warnings', align: 'right' },
          ]}
        />
      </Card>
    </Space>
  );
}

export function ReviewPage({ id, fileId }: { id: number; fileId: number | null }) {
  const [batch, setBatch] = useState<ReviewBatch | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => api.get<ReviewBatch>(`/reviews/${id}`).then((b) => { setBatch(b); setError(null); return b; }), [id]);
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      load().then(
        (b) => {
          if (!stop && b.files.some((f) => f.status === 'queued' || f.status === 'running')) timer = setTimeout(tick, 1000);
        },
        (e: unknown) => setError(messageOf(e)),
      );
    };
    tick();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
    };
  }, [load]);

  const selected = batch?.files.find((f) => f.id === fileId) ?? null;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={<span data-testid="review-title" className="card-title-wrap">{batch ? `审核批次：${batch.name}` : '审核批次'}</span>}>
        {error && <Alert type="error" showIcon title={error} />}
        {batch && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Button onClick={() => navigate('/reviews')}>返回列表</Button>
              <Button type="primary" href={`${API_PREFIX}/reviews/${id}/findings.xlsx`} download data-testid="review-xlsx">导出全部问题（Excel）</Button>
            </Space>
            <Typography.Text type="secondary">
              上传人 {batch.uploadedBy}{batch.region ? `（${batch.region}）` : ''}，{fmtTime(batch.createdAt)}；共 {batch.files.length} 个文件，完成 {batch.done} 个，失败 {batch.failed} 个；
              确定 {batch.errors} 项，疑似 {batch.warnings} 项。
            </Typography.Text>
            <Table<ReviewFileSummary>
              rowKey="id"
              size="small"
              dataSource={batch.files}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              data-testid="review-files"
              scroll={{ x: 'max-content' }}
              rowClassName={(f) => (f.id === fileId ? 'review-file-selected' : '')}
              columns={[
                {
                  title: '文件', dataIndex: 'name',
                  render: (n: string, f) => (f.status === 'done' ? <a href={`#/reviews/${id}/files/${f.id}`} data-testid="review-file-link">{n}</a> : n),
                },
                {
                  title: '状态', dataIndex: 'status',
                  render: (s: ReviewFileStatus, f) => (
                    <Space direction="vertical" size={0}>
                      <Tag color={STATUS_COLOR[s]} data-testid="review-file-status">{s === 'running' ? f.stage : REVIEW_STATUS_LABELS[s]}</Tag>
                      {f.error && <Typography.Text type="danger" data-testid="review-file-error">{f.error}</Typography.Text>}
                    </Space>
                  ),
                },
                { title: '单位', dataIndex: 'unit', render: (u?: string) => u ?? '—' },
                { title: '年度', dataIndex: 'year', render: (y?: number) => y ?? '—' },
                { title: '确定', dataIndex: 'errors', align: 'right', render: (n?: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : n ?? '—') },
                { title: '疑似', dataIndex: 'warnings', align: 'right', render: (n?: number) => (n ? <Typography.Text type="warning">{n}</Typography.Text> : n ?? '—') },
                { title: '大小', dataIndex: 'bytes', align: 'right', render: fmtBytes, responsive: ['md'] },
              ]}
            />
            {batch.skipped.length > 0 && (
              <Alert
                type="warning"
                showIcon
                title={`未审核的文件（${batch.skipped.length}）`}
                description={<ul style={{ margin: 0, paddingLeft: 18 }}>{batch.skipped.map((s) => <li key={s.name}>{s.name}：{s.reason}</li>)}</ul>}
                data-testid="review-skipped"
              />
            )}
          </Space>
        )}
      </Card>
      {selected && selected.status === 'done' && <FileReview key={selected.id} batchId={id} file={selected} />}
      {batch && !selected && batch.files.some((f) => f.status === 'done') && (
        <Typography.Text type="secondary">点击文件名查看该文件的问题及其在原文中的位置。</Typography.Text>
      )}
    </Space>
  );
}

interface Mark {
  start: number;
  end: number;
  /** Index of the finding in the filtered list. */
  finding: number;
}

/** The text cut at every mark boundary; each piece with the findings that cover it. */
function pieces(text: string, marks: readonly Mark[]): { text: string; start: number; findings: number[] }[] {
  const cuts = new Set<number>([0, text.length]);
  for (const m of marks) {
    if (m.start < text.length) cuts.add(Math.max(0, m.start));
    if (m.end <= text.length) cuts.add(m.end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: { text: string; start: number; findings: number[] }[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    const b = sorted[i + 1]!;
    if (a === b) continue;
    out.push({ text: text.slice(a, b), start: a, findings: marks.filter((m) => m.start <= a && m.end >= b).map((m) => m.finding) });
  }
  return out;
}

function pageOf(pageStarts: readonly number[] | undefined, offset: number): number | undefined {
  if (!pageStarts?.length) return undefined;
  let p = 0;
  while (p + 1 < pageStarts.length && pageStarts[p + 1]! <= offset) p++;
  return p + 1;
}

function FileReview({ batchId, file }: { batchId: number; file: ReviewFileSummary }) {
  const [detail, setDetail] = useState<ReviewFileDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [severity, setSeverity] = useState<'all' | 'error' | 'warning'>('all');
  const [rule, setRule] = useState<string | undefined>(undefined);
  const [active, setActive] = useState<number | null>(null);
  const textRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    api.get<ReviewFileDetail>(`/reviews/${batchId}/files/${file.id}`).then(setDetail, (e: unknown) => setError(messageOf(e)));
  }, [batchId, file.id]);

  const rules = useMemo(() => [...new Set((detail?.findings ?? []).map((f) => f.rule))].sort(), [detail]);
  const shown: ReviewFinding[] = useMemo(
    () => (detail?.findings ?? []).filter((f) => (severity === 'all' || f.severity === severity) && (!rule || f.rule === rule)),
    [detail, severity, rule],
  );
  const marks: Mark[] = useMemo(() => shown.flatMap((f, i) => f.quotes.map((q) => ({ start: q.start, end: q.end, finding: i }))), [shown]);
  const parts = useMemo(() => (detail ? pieces(detail.text, marks) : []), [detail, marks]);

  const jump = (i: number, q: number) => {
    setActive(i);
    const el = textRef.current?.querySelector<HTMLElement>(`[data-at="${shown[i]!.quotes[q]!.start}"]`);
    if (el && textRef.current) textRef.current.scrollTop = el.offsetTop - 80;
  };

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!detail) return <Card loading />;
  const count = (s: 'error' | 'warning') => detail.findings.filter((f) => f.severity === s).length;
  return (
    <Card title={<span data-testid="review-file-title" className="card-title-wrap">{detail.name}</span>}>
      <Typography.Paragraph type="secondary">{detail.unit ?? '（未读出单位）'}{detail.year ? ` ${detail.year}年度` : ''}，读出数字 {detail.facts ?? 0} 个</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={severity}
          onChange={(v) => setSeverity(v as typeof severity)}
          options={[
            { value: 'all', label: `全部（${detail.findings.length}）` },
            { value: 'error', label: `确定（${count('error')}）` },
            { value: 'warning', label: `疑似（${count('warning')}）` },
          ]}
          data-testid="review-severity"
        />
        <Select
          allowClear
          showSearch
          placeholder="按规则筛选"
          style={{ minWidth: 180 }}
          value={rule}
          onChange={(v?: string) => setRule(v)}
          options={rules.map((r) => ({ value: r, label: r }))}
          aria-label="规则"
          data-testid="review-rule"
        />
      </Space>
      {detail.truncated && <Alert type="info" showIcon title="文件的文字过长，只显示前 200 万字；之后的引文不在下方原文中标出。" style={{ marginBottom: 12 }} />}
      <div className="review-grid">
        <List
          className="review-findings"
          size="small"
          bordered
          dataSource={shown}
          locale={{ emptyText: <Empty description="没有符合条件的问题" /> }}
          data-testid="review-findings"
          renderItem={(f, i) => (
            <List.Item
              className={i === active ? 'review-finding review-finding-active' : 'review-finding'}
              data-testid="review-finding"
              data-rule={f.rule}
              data-severity={f.severity}
            >
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <Tag color={SEVERITY_COLOR[f.severity]}>{REVIEW_SEVERITY_LABELS[f.severity]}</Tag>
                  <Tag className="mono">{f.rule}</Tag>
                </Space>
                <Typography.Text>{f.message}</Typography.Text>
                {(f.stated !== undefined || f.expected !== undefined) && (
                  <Typography.Text type="secondary">
                    所述 {f.stated ?? '—'}{f.unit ?? ''}，应为 {f.expected ?? '—'}{f.unit ?? ''}{f.tolerance ? `（容差 ${f.tolerance}）` : ''}
                  </Typography.Text>
                )}
                {f.quotes.map((q, k) => {
                  const c = quoteContext(detail.text, q.start, q.end);
                  const page = q.page ?? pageOf(detail.pageStarts, q.start);
                  return (
                    <button type="button" key={k} className="review-quote" onClick={() => jump(i, k)} data-testid="review-quote" title="在原文中查看">
                      {page !== undefined && <Tag color="blue" data-testid="review-page">第{page}页</Tag>}
                      「{c.before}<mark>{c.quote}</mark>{c.after}」
                    </button>
                  );
                })}
              </Space>
            </List.Item>
          )}
        />
        <div className="review-text" ref={textRef} data-testid="review-text" aria-label="原文">
          {parts.map((p) =>
            p.findings.length ? (
              <mark
                key={p.start}
                data-at={p.start}
                className={active !== null && p.findings.includes(active) ? 'review-mark review-mark-active' : 'review-mark'}
                onClick={() => setActive(p.findings[0]!)}
              >
                {p.text}
              </mark>
            ) : (
              <span key={p.start} data-at={p.start}>{p.text}</span>
            ),
          )}
        </div>
      </div>
    </Card>
  );
}
