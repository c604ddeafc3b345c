import { memo, useEffect, useState, type ReactNode } from 'react';
import { Button, Input, Select, Tooltip, Form } from 'antd';
import { fieldDomId, useEditor, type FieldNote } from './context.js';
import { pathString, getIn, type Path } from './paths.js';
import { amountInputProblem, amountValue, normaliseAmount } from './amount.js';

export type FieldKind = 'amount' | 'text' | 'textarea' | 'count' | 'select' | 'bool' | 'lines' | 'date';

export interface FieldProps {
  path: Path;
  label?: ReactNode;
  kind?: FieldKind;
  options?: { value: string; label: string }[];
  placeholder?: string;
  /** Table cells: no label, tight layout. */
  compact?: boolean;
  wide?: boolean;
  rows?: number;
  /** Map values: an emptied field stays as '' (the key is kept) instead of being removed. */
  keepEmpty?: boolean;
}

const ICON: Record<FieldNote['kind'], string> = { error: '✖', warning: '⚠', info: 'ℹ', comment: '✎' };
const SOURCE: Record<FieldNote['source'], string> = { schema: '格式', live: '', server: '服务器', comment: '批注' };

export function Notes({ notes }: { notes: FieldNote[] }) {
  if (notes.length === 0) return null;
  return (
    <div className="field-findings" data-testid="field-notes">
      {notes.map((n, i) => (
        <div key={i} className={`f-${n.kind}`}>
          {ICON[n.kind]} {SOURCE[n.source] ? `【${SOURCE[n.source]}】` : ''}
          {n.text}
        </div>
      ))}
    </div>
  );
}

export function F(props: FieldProps) {
  const ed = useEditor();
  const ps = pathString(props.path);
  const value = getIn(ed.data, props.path);
  const notes = ed.notesAt(ps);
  const set = props.keepEmpty ? (p: Path, v: unknown) => ed.set(p, v === undefined ? '' : v) : ed.set;
  return <FieldView {...props} ps={ps} value={value} notes={notes} readOnly={ed.readOnly} set={set} onComment={ed.onComment} year={ed.year} />;
}

interface ViewProps extends FieldProps {
  ps: string;
  value: unknown;
  notes: FieldNote[];
  readOnly: boolean;
  set: (p: Path, v: unknown) => void;
  onComment: ((path: string) => void) | undefined;
  year: number;
}

const FieldView = memo(function FieldView(p: ViewProps) {
  const [local, setLocal] = useState<string | null>(null);
  const errs = p.notes.filter((n) => n.kind === 'error');
  const warns = p.notes.filter((n) => n.kind === 'warning');
  const status = errs.length ? 'error' : warns.length ? 'warning' : undefined;
  const input = renderInput(p, local, setLocal, status);
  const comment = p.onComment && (
    <Tooltip title="对此项批注">
      <Button size="small" type="link" onClick={() => p.onComment?.(p.ps)} aria-label={`批注 ${p.ps}`} data-testid="comment-field">批注</Button>
    </Tooltip>
  );
  const body = (
    <div id={fieldDomId(p.ps)} data-path={p.ps}>
      <div style={{ display: 'flex', gap: 4, alignItems: 'flex-start' }}>
        <div style={{ flex: 1, minWidth: 0 }}>{input}</div>
        {comment}
      </div>
      <Notes notes={local !== null && amountInputProblem(local) ? [{ kind: 'error', source: 'live', text: amountInputProblem(local)! }, ...p.notes] : p.notes} />
    </div>
  );
  if (p.compact) return body;
  return (
    <Form.Item label={p.label} style={{ marginBottom: 12, ...(p.wide ? { gridColumn: '1 / -1' } : {}) }} {...(status ? { validateStatus: status } : {})}>
      {body}
    </Form.Item>
  );
});

function renderInput(p: ViewProps, local: string | null, setLocal: (s: string | null) => void, status: 'error' | 'warning' | undefined): ReactNode {
  const kind = p.kind ?? 'text';
  const v = p.value;
  const sel = { disabled: p.readOnly, status, 'aria-label': typeof p.label === 'string' ? p.label : p.ps, 'data-path': p.ps } as const;
  const common = { readOnly: p.readOnly, status, 'aria-label': sel['aria-label'], 'data-path': p.ps } as const;
  switch (kind) {
    case 'amount': {
      const shown = local ?? (v === undefined || v === null ? '' : String(v));
      return (
        <Input
          {...common}
          className="amount-input"
          value={shown}
          placeholder={p.placeholder ?? '0.00'}
          suffix={p.compact ? undefined : '万元'}
          onChange={(e) => {
            const t = e.target.value;
            if (amountInputProblem(t)) {
              // Refused: the figure keeps its last good value; the message says why.
              setLocal(t);
              return;
            }
            setLocal(t);
            p.set(p.path, amountValue(t));
          }}
          onBlur={() => {
            if (local === null) return;
            if (!amountInputProblem(local)) p.set(p.path, normaliseAmount(local));
            setLocal(null);
          }}
        />
      );
    }
    case 'count':
      return (
        <Input
          {...common}
          value={v === undefined || v === null ? '' : String(v)}
          inputMode="numeric"
          onChange={(e) => {
            const t = e.target.value.trim();
            p.set(p.path, t === '' ? undefined : /^\d+$/.test(t) ? Number(t) : t);
          }}
        />
      );
    case 'select':
      return (
        <Select
          {...sel}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={v === undefined || v === null || v === '' ? undefined : String(v)}
          options={p.options ?? []}
          placeholder={p.placeholder ?? '请选择'}
          onChange={(x: string | undefined) => p.set(p.path, x ?? undefined)}
          style={{ width: '100%' }}
          popupMatchSelectWidth={false}
        />
      );
    case 'bool':
      return (
        <Select
          {...sel}
          allowClear
          value={v === true || v === 'true' ? 'true' : v === false || v === 'false' ? 'false' : undefined}
          options={[{ value: 'true', label: '是' }, { value: 'false', label: '否' }]}
          placeholder="未填"
          onChange={(x: string | undefined) => p.set(p.path, x === undefined ? undefined : x === 'true')}
          style={{ width: '100%' }}
        />
      );
    case 'textarea':
      return <Input.TextArea {...common} value={typeof v === 'string' ? v : v === undefined ? '' : String(v)} autoSize={{ minRows: p.rows ?? 2, maxRows: 12 }} onChange={(e) => p.set(p.path, e.target.value === '' ? undefined : e.target.value)} />;
    case 'lines':
      return <LinesInput {...p} status={status} />;
    case 'date':
      return <Input {...common} value={typeof v === 'string' ? v : ''} placeholder="YYYY-MM-DD" onChange={(e) => p.set(p.path, e.target.value === '' ? undefined : e.target.value)} />;
    default:
      return <Input {...common} value={v === undefined || v === null ? '' : String(v)} placeholder={p.placeholder} onChange={(e) => p.set(p.path, e.target.value === '' ? undefined : e.target.value)} />;
  }
}

/** A list of texts, one per line (empty lines dropped). */
function LinesInput(p: ViewProps & { status: 'error' | 'warning' | undefined }) {
  const arr = Array.isArray(p.value) ? (p.value as unknown[]).map(String) : [];
  const joined = arr.join('\n');
  const [text, setText] = useState(joined);
  useEffect(() => {
    setText((t) => (t.split('\n').filter((l) => l.trim() !== '').join('\n') === joined ? t : joined));
  }, [joined]);
  return (
    <Input.TextArea
      readOnly={p.readOnly}
      status={p.status}
      aria-label={typeof p.label === 'string' ? p.label : p.ps}
      value={text}
      placeholder={p.placeholder ?? '每行一项'}
      autoSize={{ minRows: p.rows ?? 2, maxRows: 16 }}
      onChange={(e) => {
        setText(e.target.value);
        const lines = e.target.value.split('\n').filter((l) => l.trim() !== '');
        p.set(p.path, lines.length === 0 && p.value === undefined ? undefined : lines);
      }}
    />
  );
}
