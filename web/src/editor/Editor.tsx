import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Badge, Button, Drawer, Input, List, Modal, Space, Switch, Tabs, Tag, Typography } from 'antd';
import type { Comment, DatasetDetail, StoredFinding, VersionDetail } from '../../../src/api/contract.js';
import { api, ApiException, messageOf } from '../api.js';
import { liveCheck, type LiveCheck } from '../check.js';
import { EditorContext, fieldDomId, type EditorApi, type FieldNote } from './context.js';
import { getIn, parents, sectionOf, setIn, SECTION_KEYS, SECTIONS, type Path, type SectionKey } from './paths.js';
import { hasAnchor, SectionForm } from './sections.js';
import { diffData, showValue } from './diff.js';
import { pathLabel } from './labels.js';

type Data = Record<string, unknown>;
export type SaveState = { kind: 'saved'; version: number } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'failed'; message: string };

const EMPTY: FieldNote[] = [];
const SEVERITY_LABEL = { error: '错误', warning: '警告', info: '提示' } as const;

/** Where a finding or issue is shown: its own field, its closest parent with a field, or '' (the section header). */
function anchorOf(path: string, data: unknown): string {
  // An entry of a map that the data does not have yet (a missing 上年数): shown at the map's table.
  const m = MAP_ENTRY.exec(path);
  if (m) {
    const map = getIn(data, m[1]!.split(/\.|\[(\d+)\]/).filter((x) => x !== undefined && x !== '').map((x) => (/^\d+$/.test(x) ? Number(x) : x)));
    if (!map || typeof map !== 'object' || !Object.hasOwn(map, m[2]!)) return m[1]!;
  }
  if (hasAnchor(path)) return path;
  for (const p of parents(path)) if (hasAnchor(p)) return p;
  return '';
}

const MAP_ENTRY = /^(prior|reasons\.vsPrior|reasons\.vsBudget|expenditureIncludes|evaluations\[\d+\]\.report)\.(.+)$/;
const keyOf = (f: StoredFinding) => `${f.rule}@${f.location}`;

export interface EditorProps {
  detail: DatasetDetail;
  readOnly: boolean;
  comments: Comment[];
  onSaved: (d: DatasetDetail) => void;
  onComment?: (path: string) => void;
  /** The editor's current data and whether it is saved, for the page (submit, preview). */
  onState?: (s: { data: Data; save: SaveState; live: LiveCheck | null }) => void;
}

export function Editor({ detail, readOnly, comments, onSaved, onComment, onState }: EditorProps) {
  const [data, setData] = useState<Data>(detail.data);
  const [baseVersion, setBaseVersion] = useState(detail.version);
  const [serverFindings, setServerFindings] = useState<StoredFinding[]>(detail.findings);
  const [save, setSave] = useState<SaveState>({ kind: 'saved', version: detail.version });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [live, setLive] = useState<LiveCheck | null>(null);
  const [section, setSection] = useState<SectionKey>('unit');
  const [drawer, setDrawer] = useState(false);
  const [conflict, setConflict] = useState<VersionDetail | null>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const dataRef = useRef(data);
  dataRef.current = data;
  const baseRef = useRef(baseVersion);
  baseRef.current = baseVersion;
  const dirtyRef = useRef(false);
  const savingRef = useRef(false);

  // The rule pack, ~300 ms after the last change.
  useEffect(() => {
    const t = setTimeout(() => setLive(liveCheck(data)), live === null ? 0 : 300);
    return () => clearTimeout(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data]);

  useEffect(() => onState?.({ data, save, live }), [data, save, live, onState]);

  const doSave = useCallback(
    async (opts: { base?: number; keepalive?: boolean } = {}) => {
      if (readOnly || savingRef.current || !dirtyRef.current) return;
      savingRef.current = true;
      dirtyRef.current = false;
      const sent = dataRef.current;
      setSave({ kind: 'saving' });
      try {
        const d = await api.put<DatasetDetail>(`/datasets/${detail.id}`, { baseVersion: opts.base ?? baseRef.current, data: sent }, { keepalive: opts.keepalive ?? false });
        setBaseVersion(d.version);
        baseRef.current = d.version;
        setServerFindings(d.findings);
        setFieldErrors({});
        if (!dirtyRef.current) setSave({ kind: 'saved', version: d.version });
        else setSave({ kind: 'dirty' });
        onSaved(d);
      } catch (e) {
        dirtyRef.current = true;
        if (e instanceof ApiException && e.status === 409 && e.body['current']) {
          setConflict(e.body['current'] as VersionDetail);
          setSave({ kind: 'failed', message: '有人已保存了新版本，请处理冲突' });
        } else {
          if (e instanceof ApiException) setFieldErrors(e.fields);
          setSave({ kind: 'failed', message: messageOf(e) });
        }
      } finally {
        savingRef.current = false;
      }
    },
    [detail.id, readOnly, onSaved],
  );

  // Autosave 2 s after the last change.
  useEffect(() => {
    if (readOnly || !dirtyRef.current || conflict) return;
    const t = setTimeout(() => void doSave(), 2000);
    return () => clearTimeout(t);
  }, [data, doSave, readOnly, conflict]);

  // Leaving: the page is closed (keepalive request) or the editor unmounts (another page).
  useEffect(() => {
    const onLeave = (e: BeforeUnloadEvent) => {
      if (!dirtyRef.current || readOnly) return;
      // The request outlives the page (keepalive); the browser also asks the user to stay.
      void doSave({ keepalive: true });
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onLeave);
    return () => {
      window.removeEventListener('beforeunload', onLeave);
      void doSave();
    };
  }, [doSave, readOnly]);

  const set = useCallback(
    (p: Path, value: unknown) => {
      if (readOnly) return;
      dirtyRef.current = true;
      setSave({ kind: 'dirty' });
      setData((d) => setIn(d, p, value));
    },
    [readOnly],
  );

  // Every note by the place it is shown.
  const notes = useMemo(() => {
    const m = new Map<string, FieldNote[]>();
    const add = (path: string, n: FieldNote) => {
      const a = anchorOf(path, data);
      const key = a === '' ? `§${sectionOf(path) ?? ''}` : a;
      const list = m.get(key);
      if (list) list.push(n);
      else m.set(key, [n]);
    };
    for (const i of live?.issues ?? []) add(i.path, { kind: 'error', source: 'schema', text: i.message });
    for (const [p, msg] of Object.entries(fieldErrors)) add(p, { kind: 'error', source: 'server', text: msg });
    for (const f of live?.findings ?? []) add(f.location, { kind: f.severity, source: 'live', text: f.message });
    for (const c of comments) if (!c.resolved) add(c.path, { kind: 'comment', source: 'comment', text: `${c.author}：${c.body}` });
    return m;
  }, [live, fieldErrors, comments, data]);

  const notesAt = useCallback((path: string) => notes.get(path) ?? EMPTY, [notes]);
  const year = Number(getIn(data, ['year'])) || detail.year;
  const editor: EditorApi = useMemo(
    () => ({ data, year, readOnly, set, notesAt, ...(onComment ? { onComment } : {}) }),
    [data, year, readOnly, set, notesAt, onComment],
  );

  const jump = useCallback((path: string) => {
    const s = sectionOf(path);
    if (s) setSection(s);
    setDrawer(false);
    const target = anchorOf(path, dataRef.current);
    setTimeout(() => {
      const el = document.getElementById(target ? fieldDomId(target) : `section-head:${s ?? ''}`);
      if (el) {
        el.scrollIntoView({ behavior: 'smooth', block: 'center' });
        el.classList.remove('field-flash');
        void el.offsetWidth;
        el.classList.add('field-flash');
        if (target === path) el.querySelector<HTMLElement>('input,textarea')?.focus({ preventScroll: true });
      }
      setFlash(target);
    }, 80);
  }, []);

  const findings = live?.findings ?? [];
  const issues = live?.issues ?? [];
  const errors = findings.filter((f) => f.severity === 'error').length + issues.length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const perSection = (s: SectionKey) => {
    let e = 0;
    let w = 0;
    for (const i of issues) if (sectionOf(i.path) === s) e++;
    for (const f of findings) if (sectionOf(f.location) === s) f.severity === 'error' ? e++ : f.severity === 'warning' ? w++ : 0;
    return { e, w };
  };

  // The server's verdict on the saved version, when the browser's differs (same data only).
  const serverDiff = useMemo(() => {
    if (save.kind !== 'saved' || !live || live.issues.length) return null;
    const a = new Set(findings.map(keyOf));
    const b = new Set(serverFindings.map(keyOf));
    const onlyServer = serverFindings.filter((f) => !a.has(keyOf(f)) && f.severity !== 'info');
    const onlyLive = findings.filter((f) => !b.has(keyOf(f)) && f.severity !== 'info');
    return onlyServer.length || onlyLive.length ? { onlyServer, onlyLive } : null;
  }, [save, live, findings, serverFindings]);

  const resolveConflict = async (choice: 'theirs' | 'mine') => {
    if (!conflict) return;
    const theirs = conflict;
    setConflict(null);
    if (choice === 'theirs') {
      dirtyRef.current = false;
      setData(theirs.data);
      setBaseVersion(theirs.version);
      baseRef.current = theirs.version;
      setServerFindings(theirs.findings);
      setSave({ kind: 'saved', version: theirs.version });
    } else {
      dirtyRef.current = true;
      baseRef.current = theirs.version;
      setBaseVersion(theirs.version);
      await doSave({ base: theirs.version });
    }
  };

  return (
    <EditorContext.Provider value={editor}>
      <Space style={{ marginBottom: 12 }} wrap>
        <SaveIndicator save={save} readOnly={readOnly} />
        {!readOnly && save.kind !== 'saved' && (
          <Button size="small" onClick={() => void doSave()} disabled={save.kind === 'saving'}>立即保存</Button>
        )}
        <Button onClick={() => setDrawer(true)} data-testid="findings-button">
          审核结果 <Badge count={errors} showZero color={errors ? '#cf1322' : '#52c41a'} style={{ marginInlineStart: 4 }} /> <Badge count={warnings} color="#d46b08" style={{ marginInlineStart: 4 }} />
        </Button>
        <Typography.Text type="secondary" data-testid="live-summary">
          {live ? `本地审核：错误 ${errors} 个，警告 ${warnings} 个（${Math.round(live.ms)} 毫秒）` : '正在审核…'}
        </Typography.Text>
        {readOnly && <Tag>只读</Tag>}
      </Space>
      {serverDiff && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="server-diff"
          title={`服务器对第${baseVersion}版的审核结果与本地不同（以服务器为准）：服务器另有 ${serverDiff.onlyServer.length} 项，本地另有 ${serverDiff.onlyLive.length} 项`}
          description={
            <details>
              <summary style={{ cursor: 'pointer' }}>查看差异</summary>
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {serverDiff.onlyServer.map((f) => <li key={`s${keyOf(f)}`}>服务器：{SEVERITY_LABEL[f.severity]} {f.message}（{pathLabel(f.location)}）</li>)}
                {serverDiff.onlyLive.map((f) => <li key={`l${keyOf(f)}`}>仅本地：{SEVERITY_LABEL[f.severity]} {f.message}（{pathLabel(f.location)}）</li>)}
              </ul>
            </details>
          }
        />
      )}
      <Tabs
        activeKey={section}
        onChange={(k) => setSection(k as SectionKey)}
        tabPlacement="start"
        items={SECTIONS.map((s) => {
          const c = perSection(s.key);
          return {
            key: s.key,
            label: (
              <span data-testid={`section-tab-${s.key}`}>
                {s.title} {c.e > 0 && <Badge count={c.e} size="small" />} {c.w > 0 && <Badge count={c.w} size="small" color="#d46b08" />}
              </span>
            ),
            children: <SectionPane section={s.key} title={s.title} notes={notes.get(`§${s.key}`) ?? EMPTY} data={data} readOnly={readOnly} onReplace={(next) => { dirtyRef.current = true; setSave({ kind: 'dirty' }); setData(next); }} />,
          };
        })}
      />
      <Drawer title={`审核结果：错误 ${errors} 个，警告 ${warnings} 个`} open={drawer} onClose={() => setDrawer(false)} size={520}>
        <FindingsList issues={issues} findings={findings} onJump={jump} />
        {comments.length > 0 && (
          <>
            <Typography.Title level={5} style={{ marginTop: 16 }}>批注</Typography.Title>
            <List size="small" dataSource={comments} renderItem={(c) => (
              <List.Item onClick={() => jump(c.path)} style={{ cursor: 'pointer' }}>
                <List.Item.Meta title={`${c.author}（第${c.version}版）${c.resolved ? ' 已解决' : ''}`} description={`${pathLabel(c.path)}：${c.body}`} />
              </List.Item>
            )} />
          </>
        )}
      </Drawer>
      <Modal
        open={conflict !== null}
        title="保存冲突：有人已保存了新版本"
        width={860}
        closable={false}
        maskClosable={false}
        footer={[
          <Button key="theirs" onClick={() => void resolveConflict('theirs')}>放弃我的修改，载入第{conflict?.version}版</Button>,
          <Button key="mine" type="primary" danger onClick={() => void resolveConflict('mine')}>用我的内容保存为新版本</Button>,
        ]}
      >
        {conflict && <ConflictDiff mine={data} theirs={conflict} />}
      </Modal>
      <span hidden data-flash={flash ?? ''} />
    </EditorContext.Provider>
  );
}

function SaveIndicator({ save, readOnly }: { save: SaveState; readOnly: boolean }) {
  if (readOnly) return <Tag data-testid="save-state">不可编辑</Tag>;
  switch (save.kind) {
    case 'saved':
      return <Tag color="success" data-testid="save-state">已保存（第{save.version}版）</Tag>;
    case 'dirty':
      return <Tag color="default" data-testid="save-state">有未保存的修改</Tag>;
    case 'saving':
      return <Tag color="processing" data-testid="save-state">保存中…</Tag>;
    case 'failed':
      return <Tag color="error" data-testid="save-state">保存失败：{save.message}</Tag>;
  }
}

export function FindingsList({ issues, findings, onJump }: { issues: { path: string; message: string }[]; findings: StoredFinding[]; onJump: (path: string) => void }) {
  const rows = [
    ...issues.map((i) => ({ key: `i${i.path}${i.message}`, sev: 'error' as const, label: '数据格式', message: i.message, path: i.path, hint: '' })),
    ...findings
      .slice()
      .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : b.severity === 'error' ? 1 : a.severity === 'warning' ? -1 : 1))
      .map((f) => ({ key: keyOf(f), sev: f.severity, label: f.rule, message: f.message, path: f.location, hint: f.hint })),
  ];
  if (rows.length === 0) return <Alert type="success" showIcon title="没有发现问题" />;
  return (
    <List
      size="small"
      dataSource={rows}
      renderItem={(r) => (
        <List.Item onClick={() => onJump(r.path)} style={{ cursor: 'pointer' }} data-testid="finding-item">
          <List.Item.Meta
            title={
              <Space>
                <Tag color={r.sev === 'error' ? 'red' : r.sev === 'warning' ? 'orange' : 'blue'}>{SEVERITY_LABEL[r.sev]}</Tag>
                <Typography.Text type="secondary" className="mono">{r.label}</Typography.Text>
              </Space>
            }
            description={
              <>
                <div style={{ color: 'rgba(0,0,0,.88)' }}>{r.message}</div>
                {r.hint && <div>{r.hint}</div>}
                <div style={{ fontSize: 12 }}>位置：{pathLabel(r.path)} <span className="mono">{r.path}</span></div>
              </>
            }
          />
        </List.Item>
      )}
    />
  );
}

function SectionPane({ section, title, notes, data, readOnly, onReplace }: { section: SectionKey; title: string; notes: FieldNote[]; data: Data; readOnly: boolean; onReplace: (d: Data) => void }) {
  const [advanced, setAdvanced] = useState(false);
  return (
    <div>
      <div id={`section-head:${section}`} className="section-findings">
        <Space style={{ marginBottom: 8 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>{title}</Typography.Title>
          <Switch size="small" checked={advanced} onChange={setAdvanced} /> <Typography.Text type="secondary">高级（JSON）</Typography.Text>
        </Space>
        {notes.length > 0 && (
          <Alert
            type={notes.some((n) => n.kind === 'error') ? 'error' : 'warning'}
            showIcon
            title="本节的审核结果"
            description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{notes.map((n, i) => <li key={i}>{n.text}</li>)}</ul>}
          />
        )}
      </div>
      {advanced ? <JsonSection section={section} data={data} readOnly={readOnly} onReplace={onReplace} /> : <SectionForm section={section} />}
    </div>
  );
}

/** The section's keys as JSON text; applied when it is valid JSON (the live check then reads it like the form). */
function JsonSection({ section, data, readOnly, onReplace }: { section: SectionKey; data: Data; readOnly: boolean; onReplace: (d: Data) => void }) {
  const keys = SECTION_KEYS[section];
  const current = useMemo(() => JSON.stringify(Object.fromEntries(keys.filter((k) => data[k] !== undefined).map((k) => [k, data[k]])), null, 2), [data, keys]);
  const [text, setText] = useState(current);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText((t) => {
      try {
        return JSON.stringify(JSON.parse(t), null, 2) === current ? t : current;
      } catch {
        return t;
      }
    });
  }, [current]);
  return (
    <>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Input.TextArea
        className="mono"
        value={text}
        disabled={readOnly}
        autoSize={{ minRows: 12, maxRows: 40 }}
        aria-label="本节 JSON"
        onChange={(e) => {
          setText(e.target.value);
          let parsed: unknown;
          try {
            parsed = JSON.parse(e.target.value);
          } catch (x) {
            setError(`JSON 格式错误：${(x as Error).message}`);
            return;
          }
          if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
            setError('应为一个对象（{ … }）');
            return;
          }
          const extra = Object.keys(parsed).filter((k) => !keys.includes(k));
          if (extra.length) {
            setError(`本节不能包含键：${extra.join('、')}（只能是 ${keys.join('、')}）`);
            return;
          }
          setError(null);
          const next: Data = { ...data };
          for (const k of keys) delete next[k];
          Object.assign(next, parsed);
          onReplace(next);
        }}
      />
    </>
  );
}

function ConflictDiff({ mine, theirs }: { mine: Data; theirs: VersionDetail }) {
  const changes = diffData(theirs.data, mine);
  return (
    <>
      <Typography.Paragraph>
        {theirs.savedBy} 于 {theirs.savedAt.replace('T', ' ').slice(0, 19)} 保存了第{theirs.version}版。下面是它与您当前内容的不同之处（共 {changes.length} 处）。请选择保留哪一份；另一份不会被静默覆盖：选择“用我的内容保存”时，第{theirs.version}版仍保留在版本历史中。
      </Typography.Paragraph>
      <DiffTable changes={changes} beforeTitle={`第${theirs.version}版（对方）`} afterTitle="我的内容" />
    </>
  );
}

export function DiffTable({ changes, beforeTitle, afterTitle }: { changes: { path: string; before: unknown; after: unknown }[]; beforeTitle: string; afterTitle: string }) {
  if (changes.length === 0) return <Alert type="info" title="没有不同" />;
  return (
    <div style={{ maxHeight: 420, overflow: 'auto' }}>
      <table style={{ width: '100%', borderCollapse: 'collapse' }} className="diff-table">
        <thead>
          <tr>
            <th style={{ textAlign: 'left', borderBottom: '1px solid #ddd' }}>位置</th>
            <th style={{ textAlign: 'left', borderBottom: '1px solid #ddd' }}>{beforeTitle}</th>
            <th style={{ textAlign: 'left', borderBottom: '1px solid #ddd' }}>{afterTitle}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.path}>
              <td style={{ padding: 4, borderBottom: '1px solid #f0f0f0' }}>
                {pathLabel(c.path)}
                <div className="mono" style={{ fontSize: 11, color: '#8c8c8c' }}>{c.path}</div>
              </td>
              <td style={{ padding: 4, borderBottom: '1px solid #f0f0f0', background: '#fff1f0' }}>{showValue(c.before)}</td>
              <td style={{ padding: 4, borderBottom: '1px solid #f0f0f0', background: '#f6ffed' }}>{showValue(c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

