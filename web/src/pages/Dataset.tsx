import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Modal, Result, Space, Spin, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import {
  ACTION_LABELS, API_PREFIX, STATUS_LABELS, explanationKey,
  type Action, type Comment, type DatasetDetail, type Job, type StoredFinding, type VersionDetail, type VersionSummary, type WorkflowEvent,
} from '../../../src/api/contract.js';
import { api, ApiException, messageOf } from '../api.js';
import { Editor, DiffTable, type SaveState } from '../editor/Editor.js';
import { navigate } from '../router.js';
import { useSession } from '../session.js';
import { fmtTime } from '../format.js';
import { pathLabel } from '../editor/labels.js';
import { StatusTag } from './Datasets.js';
import { JobProgress, useJob } from './Job.js';
import type { LiveCheck } from '../check.js';

const TABS = ['edit', 'preview', 'versions', 'events', 'comments'] as const;

export function DatasetPage({ id, tab }: { id: number; tab: string }) {
  const { me } = useSession();
  const [detail, setDetail] = useState<DatasetDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [comments, setComments] = useState<Comment[]>([]);
  const [commentPath, setCommentPath] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [editorKey, setEditorKey] = useState(0);
  const [previewKey, setPreviewKey] = useState(0);
  const editorState = useRef<{ data: Record<string, unknown>; save: SaveState; live: LiveCheck | null } | null>(null);
  const [saveState, setSaveState] = useState<SaveState | null>(null);

  const load = useCallback(async () => {
    try {
      const [d, c] = await Promise.all([api.get<DatasetDetail>(`/datasets/${id}`), api.get<Comment[]>(`/datasets/${id}/comments`)]);
      setDetail(d);
      setComments(c);
      setError(null);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const onSaved = useCallback((d: DatasetDetail) => {
    setDetail((old) => (old ? { ...d, data: old.data } : d));
    setPreviewKey((k) => k + 1);
  }, []);
  const onState = useCallback((s: { data: Record<string, unknown>; save: SaveState; live: LiveCheck | null }) => {
    editorState.current = s;
    setSaveState(s.save);
  }, []);
  const isReviewer = me.role === 'unit_reviewer' || me.role === 'finance_reviewer';
  const onComment = useMemo(() => (isReviewer ? (p: string) => setCommentPath(p) : undefined), [isReviewer]);

  if (error) return <Result status="warning" title={error} extra={<Button onClick={() => navigate('/datasets')}>返回数据列表</Button>} />;
  if (!detail) return <Spin tip="正在加载…"><div style={{ height: 200 }} /></Spin>;

  const activeTab = (TABS as readonly string[]).includes(tab) ? tab : 'edit';
  const afterAction = async (d: DatasetDetail | null) => {
    setAction(null);
    if (d) {
      setDetail(d);
      setEditorKey((k) => k + 1);
    } else await load().then(() => setEditorKey((k) => k + 1));
  };

  return (
    <Card
      title={
        <Space wrap>
          <Button size="small" onClick={() => navigate('/datasets')}>← 数据列表</Button>
          <span data-testid="dataset-title">{detail.orgName} {detail.year} 年度</span>
          <StatusTag status={detail.status} />
          <Typography.Text type="secondary">第{detail.version}版 · 更新于 {fmtTime(detail.updatedAt)}</Typography.Text>
        </Space>
      }
      extra={
        <Space wrap>
          {detail.allowedActions.map((a) => (
            <Button
              key={a}
              type={a === 'submit' || a.endsWith('approve') || a === 'publish' ? 'primary' : 'default'}
              danger={a.endsWith('return')}
              onClick={() => setAction(a)}
              disabled={a === 'submit' && saveState !== null && saveState.kind !== 'saved'}
              data-testid={`action-${a}`}
            >
              {ACTION_LABELS[a]}
            </Button>
          ))}
        </Space>
      }
    >
      <Tabs
        activeKey={activeTab}
        onChange={(k) => navigate(`/datasets/${id}/${k}`)}
        destroyOnHidden={false}
        items={[
          {
            key: 'edit',
            label: detail.editable ? '填报' : '查看',
            children: (
              <Editor
                key={editorKey}
                detail={detail}
                readOnly={!detail.editable}
                comments={comments}
                onSaved={onSaved}
                onState={onState}
                {...(onComment ? { onComment } : {})}
              />
            ),
          },
          { key: 'preview', label: '报告预览', children: <PreviewTab id={id} refresh={previewKey} /> },
          { key: 'versions', label: '版本历史', children: <VersionsTab detail={detail} /> },
          { key: 'events', label: '流程记录', children: <EventsTab id={id} refresh={detail.status + detail.version} /> },
          { key: 'comments', label: `批注（${comments.length}）`, children: <CommentsTab comments={comments} canAdd={isReviewer} onAdd={() => setCommentPath('')} /> },
        ]}
      />
      {commentPath !== null && (
        <CommentDialog
          id={id}
          path={commentPath}
          onClose={() => setCommentPath(null)}
          onAdded={(c) => {
            setComments((cs) => [...cs, c]);
            setCommentPath(null);
          }}
        />
      )}
      {action && <ActionDialog detail={detail} action={action} onClose={() => setAction(null)} onDone={afterAction} />}
    </Card>
  );
}

function PreviewTab({ id, refresh }: { id: number; refresh: number }) {
  const [format, setFormat] = useState<string | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const polled = useJob(job);
  const render = async (f: 'pdf' | 'docx' | 'xlsx') => {
    setFormat(f);
    setError(null);
    setJob(null);
    try {
      const r = await api.post<{ job: Job }>(`/datasets/${id}/render`, { format: f });
      setJob(r.job);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>下载：</Typography.Text>
        <Button onClick={() => void render('docx')} data-testid="render-docx">Word（DOCX）</Button>
        <Button onClick={() => void render('pdf')} data-testid="render-pdf">PDF</Button>
        <Button onClick={() => void render('xlsx')} data-testid="render-xlsx">Excel（XLSX）</Button>
        <a href={`${API_PREFIX}/datasets/${id}/preview`} target="_blank" rel="noreferrer">在新窗口打开预览</a>
      </Space>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {format && (polled.job || polled.error) && (
        <Card size="small" title={`正在生成 ${format.toUpperCase()}`} style={{ marginBottom: 12 }}>
          <JobProgress job={polled.job} error={polled.error} />
        </Card>
      )}
      <iframe key={refresh} title="报告预览" className="preview-frame" src={`${API_PREFIX}/datasets/${id}/preview?r=${refresh}`} />
    </>
  );
}

function VersionsTab({ detail }: { detail: DatasetDetail }) {
  const [rows, setRows] = useState<VersionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number[]>([]);
  const [diff, setDiff] = useState<{ from: number; to: number; changes: { path: string; before: unknown; after: unknown }[] } | null>(null);
  const [view, setView] = useState<VersionDetail | null>(null);
  useEffect(() => {
    api.get<VersionSummary[]>(`/datasets/${detail.id}/versions`).then(setRows, (e: unknown) => setError(messageOf(e)));
  }, [detail.id, detail.version]);
  const compare = async () => {
    const [a, b] = [...selected].sort((x, y) => x - y);
    try {
      const r = await api.get<{ changes: { path: string; before: unknown; after: unknown }[] }>(`/datasets/${detail.id}/diff?from=${a}&to=${b}`);
      setDiff({ from: a!, to: b!, changes: r.changes });
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const open = async (v: number) => {
    try {
      setView(await api.get<VersionDetail>(`/datasets/${detail.id}/versions/${v}`));
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Space style={{ marginBottom: 12 }}>
        <Button disabled={selected.length !== 2} onClick={() => void compare()} data-testid="compare-versions">比较选中的两个版本</Button>
        <Typography.Text type="secondary">勾选两个版本后比较</Typography.Text>
      </Space>
      <Table<VersionSummary>
        rowKey="version"
        size="small"
        loading={rows === null && !error}
        dataSource={rows ?? []}
        pagination={false}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected((keys as number[]).slice(-2)) }}
        columns={[
          { title: '版本', dataIndex: 'version', width: 80, render: (v: number) => `第${v}版` },
          { title: '保存时间', dataIndex: 'savedAt', render: fmtTime },
          { title: '保存人', dataIndex: 'savedBy' },
          { title: '说明', dataIndex: 'note', render: (n: string | null) => n ?? '' },
          { title: '错误', dataIndex: 'errors', width: 70 },
          { title: '警告', dataIndex: 'warnings', width: 70 },
          { title: '', key: 'open', width: 80, render: (_: unknown, r) => <Button size="small" onClick={() => void open(r.version)}>查看</Button> },
        ]}
      />
      <Modal open={diff !== null} title={diff ? `第${diff.from}版 → 第${diff.to}版的变化（${diff.changes.length} 处）` : ''} width={900} footer={null} onCancel={() => setDiff(null)}>
        {diff && <DiffTable changes={diff.changes} beforeTitle={`第${diff.from}版`} afterTitle={`第${diff.to}版`} />}
      </Modal>
      <Modal open={view !== null} title={view ? `第${view.version}版（${view.savedBy}，${fmtTime(view.savedAt)}）` : ''} width="90%" footer={null} onCancel={() => setView(null)} destroyOnHidden>
        {view && (
          <Editor
            detail={{ ...detail, data: view.data, findings: view.findings, version: view.version, editable: false }}
            readOnly
            comments={[]}
            onSaved={() => {}}
          />
        )}
      </Modal>
    </>
  );
}

const EVENT_LABELS: Record<string, string> = { ...ACTION_LABELS, create: '新建', import: '导入' };

function EventsTab({ id, refresh }: { id: number; refresh: string }) {
  const [rows, setRows] = useState<WorkflowEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<WorkflowEvent[]>(`/datasets/${id}/events`).then(setRows, (e: unknown) => setError(messageOf(e)));
  }, [id, refresh]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!rows) return <Spin />;
  if (rows.length === 0) return <Typography.Text type="secondary">暂无流程记录</Typography.Text>;
  return (
    <Timeline
      items={rows.map((e) => ({
        key: e.id,
        content: (
          <div data-testid="event-item">
            <Space wrap size={12}>
              <Typography.Text strong>{EVENT_LABELS[e.action] ?? e.action}</Typography.Text>
              <span>{e.actor}</span>
              <Typography.Text type="secondary">{fmtTime(e.at)}</Typography.Text>
              <span>
                {e.from ? `${STATUS_LABELS[e.from]} → ` : ''}
                {STATUS_LABELS[e.to]}（第{e.version}版）
              </span>
            </Space>
            {e.comment && <div style={{ color: '#595959' }}>意见：{e.comment}</div>}
          </div>
        ),
      }))}
    />
  );
}

function CommentsTab({ comments, canAdd, onAdd }: { comments: Comment[]; canAdd: boolean; onAdd: () => void }) {
  return (
    <>
      {canAdd && (
        <Typography.Paragraph type="secondary">
          在“查看”页中点击字段旁的“批注”可对该字段批注；也可以 <Button size="small" onClick={onAdd}>对整份数据批注</Button>
        </Typography.Paragraph>
      )}
      <List
        dataSource={comments}
        locale={{ emptyText: '暂无批注' }}
        renderItem={(c) => (
          <List.Item data-testid="comment-item">
            <List.Item.Meta
              title={<Space>{c.author}<Typography.Text type="secondary">{fmtTime(c.at)} · 第{c.version}版</Typography.Text>{c.resolved && <Tag>已解决</Tag>}</Space>}
              description={<><div style={{ fontSize: 12 }}>{pathLabel(c.path)} <span className="mono">{c.path}</span></div><div style={{ color: 'rgba(0,0,0,.88)' }}>{c.body}</div></>}
            />
          </List.Item>
        )}
      />
    </>
  );
}

function CommentDialog({ id, path, onClose, onAdded }: { id: number; path: string; onClose: () => void; onAdded: (c: Comment) => void }) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!body.trim()) {
      setError('请填写批注内容');
      return;
    }
    setBusy(true);
    try {
      onAdded(await api.post<Comment>(`/datasets/${id}/comments`, { path, body: body.trim() }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`批注：${pathLabel(path)}`} okText="添加批注" cancelText="取消" onOk={() => void submit()} confirmLoading={busy} onCancel={onClose}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Input.TextArea value={body} onChange={(e) => setBody(e.target.value)} autoSize={{ minRows: 3 }} aria-label="批注内容" autoFocus />
    </Modal>
  );
}

function ActionDialog({ detail, action, onClose, onDone }: { detail: DatasetDetail; action: Action; onClose: () => void; onDone: (d: DatasetDetail | null) => void }) {
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const [correctionNote, setCorrectionNote] = useState('');
  const warnings = detail.findings.filter((f) => f.severity === 'warning');
  const errors = detail.findings.filter((f) => f.severity === 'error');
  const [explanations, setExplanations] = useState<Record<string, string>>(() => Object.fromEntries(warnings.map((f) => [explanationKey(f), detail.explanations[explanationKey(f)] ?? ''])));
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [publishJob, setPublishJob] = useState<Job | null>(null);
  const polled = useJob(publishJob);
  const isReturn = action === 'unit_return' || action === 'finance_return';
  const isCorrection = action === 'publish' && detail.publishedBundleId !== null;

  useEffect(() => {
    if (polled.job?.status === 'done') message.success('已公开');
  }, [polled.job?.status, message]);

  const submit = async () => {
    setError(null);
    setFields({});
    const missing: Record<string, string> = {};
    if (isReturn && !comment.trim()) missing['comment'] = '退回时必须填写意见';
    if (isCorrection && !correctionNote.trim()) missing['correctionNote'] = '更正公开必须填写更正说明';
    if (action === 'submit') for (const f of warnings) if (!explanations[explanationKey(f)]?.trim()) missing[explanationKey(f)] = '请说明此警告的原因';
    if (Object.keys(missing).length) {
      setFields(missing);
      setError('请补全必填内容');
      return;
    }
    setBusy(true);
    try {
      const body = {
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(action === 'submit' ? { explanations } : {}),
        ...(isCorrection ? { correctionNote: correctionNote.trim() } : {}),
      };
      const r = await api.post<DatasetDetail | { job: Job }>(`/datasets/${detail.id}/actions/${action}`, body);
      if ('job' in r) setPublishJob(r.job);
      else {
        message.success(`${ACTION_LABELS[action]}：完成`);
        onDone(r);
      }
    } catch (e) {
      setError(messageOf(e));
      if (e instanceof ApiException) setFields(e.fields);
    } finally {
      setBusy(false);
    }
  };
  const status = (k: string) => (fields[k] ? { validateStatus: 'error' as const, help: fields[k] } : {});
  const done = polled.job?.status === 'done' || polled.job?.status === 'failed';
  return (
    <Modal
      open
      width={action === 'submit' ? 760 : 560}
      title={ACTION_LABELS[action]}
      okText={publishJob ? (done ? '关闭' : '公开中…') : `确认${ACTION_LABELS[action]}`}
      cancelText="取消"
      okButtonProps={{ disabled: publishJob !== null && !done, danger: isReturn }}
      confirmLoading={busy}
      onOk={() => (publishJob ? onDone(null) : void submit())}
      onCancel={() => (publishJob ? onDone(null) : onClose())}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form layout="vertical" component="div">
        {action === 'submit' && (
          <>
            {errors.length > 0 && (
              <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`还有 ${errors.length} 个错误，改正后才能提交`} description={<ul style={{ margin: 0 }}>{errors.map((f) => <li key={explanationKey(f)}>{f.message}</li>)}</ul>} />
            )}
            {warnings.length === 0 ? (
              <Typography.Paragraph>没有需要说明的警告。提交后由单位审核人审核。</Typography.Paragraph>
            ) : (
              <Typography.Paragraph>以下 {warnings.length} 个警告需要逐一说明原因后才能提交：</Typography.Paragraph>
            )}
            {warnings.map((f: StoredFinding) => {
              const k = explanationKey(f);
              return (
                <Form.Item key={k} label={<span>⚠ {f.message}<Typography.Text type="secondary" style={{ fontSize: 12 }}>（{pathLabel(f.location)}）</Typography.Text></span>} {...status(k)}>
                  <Input.TextArea value={explanations[k] ?? ''} onChange={(e) => setExplanations((x) => ({ ...x, [k]: e.target.value }))} autoSize={{ minRows: 1 }} aria-label={`说明 ${k}`} data-testid="explanation" />
                </Form.Item>
              );
            })}
          </>
        )}
        {(isReturn || action.endsWith('approve') || action === 'reopen') && (
          <Form.Item label={isReturn ? '退回意见（必填）' : '意见（可不填）'} {...status('comment')}>
            <Input.TextArea value={comment} onChange={(e) => setComment(e.target.value)} autoSize={{ minRows: 3 }} aria-label="意见" />
          </Form.Item>
        )}
        {action === 'publish' && (
          <>
            <Descriptions size="small" column={1} items={[{ key: 'v', label: '公开的版本', children: `第${detail.version}版` }]} />
            {isCorrection && (
              <Form.Item label="更正说明（必填：更正了什么、为什么更正）" {...status('correctionNote')}>
                <Input.TextArea value={correctionNote} onChange={(e) => setCorrectionNote(e.target.value)} autoSize={{ minRows: 3 }} aria-label="更正说明" />
              </Form.Item>
            )}
            {publishJob && <JobProgress job={polled.job} error={polled.error} />}
          </>
        )}
      </Form>
    </Modal>
  );
}
