import { useMemo, type ReactNode } from 'react';
import { Button, Popconfirm, Select, Table, Input } from 'antd';
import { allEntries, isValidIn, lookup, type ClassificationKind } from '../../../src/classification/index.js';
import { F, Notes, type FieldKind } from './fields.js';
import { fieldDomId, useEditor } from './context.js';
import { getIn, pathString, type Path } from './paths.js';

export interface Col {
  key: string;
  title: string;
  kind?: FieldKind | 'code-functional' | 'code-economic';
  options?: { value: string; label: string }[];
  width?: number;
}

/** A list of objects as a table with one input per cell; rows added and removed. */
export function ListTable({ path, cols, newRow, addLabel = '添加一行', title }: { path: Path; cols: Col[]; newRow: () => Record<string, unknown>; addLabel?: string; title?: ReactNode }) {
  const ed = useEditor();
  const ps = pathString(path);
  const rows = (getIn(ed.data, path) as Record<string, unknown>[] | undefined) ?? [];
  const notes = ed.notesAt(ps);
  const columns = [
    { title: '序号', key: '#', width: 56, render: (_: unknown, __: unknown, i: number) => i + 1 },
    ...cols.map((c) => ({
      title: c.title,
      key: c.key,
      ...(c.width ? { width: c.width } : {}),
      render: (_: unknown, __: unknown, i: number) =>
        c.kind === 'code-functional' || c.kind === 'code-economic' ? (
          <CodeCell path={[...path, i, c.key]} kind={c.kind === 'code-functional' ? 'functional' : 'economic'} />
        ) : (
          <F compact path={[...path, i, c.key]} kind={c.kind ?? 'text'} {...(c.options ? { options: c.options } : {})} {...(c.kind === 'amount' ? { placeholder: '' } : {})} />
        ),
    })),
    ...(ed.readOnly
      ? []
      : [
          {
            title: '',
            key: '-',
            width: 56,
            render: (_: unknown, __: unknown, i: number) => (
              <Popconfirm title="删除这一行？" okText="删除" cancelText="取消" onConfirm={() => ed.set(path, rows.filter((_r, j) => j !== i))}>
                <Button size="small" type="text" danger aria-label="删除">删除</Button>
              </Popconfirm>
            ),
          },
        ]),
  ];
  return (
    <div id={fieldDomId(ps)} data-path={ps} style={{ marginBottom: 16 }}>
      {title}
      <Notes notes={notes} />
      <Table
        size="small"
        bordered
        rowKey={(_r, i) => String(i)}
        dataSource={rows}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '（无）' }}
      />
      {!ed.readOnly && (
        <Button size="small" style={{ marginTop: 8 }} onClick={() => ed.set(path, [...rows, newRow()])}>
          {addLabel}
        </Button>
      )}
    </div>
  );
}

const optionCache = new Map<string, { value: string; label: string }[]>();
function codeOptions(kind: ClassificationKind, year: number): { value: string; label: string }[] {
  const key = `${kind}:${year}`;
  let o = optionCache.get(key);
  if (!o) {
    const level = kind === 'functional' ? '项' : '款';
    o = allEntries(kind)
      .filter((e) => e.level === level && isValidIn(e, year))
      .map((e) => ({ value: e.code, label: `${e.code} ${e.name}` }))
      .sort((a, b) => (a.value < b.value ? -1 : 1));
    optionCache.set(key, o);
  }
  return o;
}

/** A searchable 功能分类 (项) or 经济分类 (款) code picker for the dataset's edition year. */
export function CodeCell({ path, kind }: { path: Path; kind: ClassificationKind }) {
  const ed = useEditor();
  const ps = pathString(path);
  const v = getIn(ed.data, path);
  const value = v === undefined || v === null || v === '' ? undefined : String(v);
  const base = codeOptions(kind, ed.year);
  const options = useMemo(() => {
    if (value === undefined || base.some((o) => o.value === value)) return base;
    const e = lookup(kind, value, ed.year);
    return [{ value, label: e ? `${value} ${e.name}` : `${value}（${ed.year}年科目表中没有此编码）` }, ...base];
  }, [base, value, kind, ed.year]);
  const notes = ed.notesAt(ps);
  const status = notes.some((n) => n.kind === 'error') ? 'error' : notes.some((n) => n.kind === 'warning') ? 'warning' : undefined;
  return (
    <div id={fieldDomId(ps)} data-path={ps} style={{ minWidth: 280 }}>
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        value={value}
        options={options}
        disabled={ed.readOnly}
        {...(status ? { status } : {})}
        placeholder={kind === 'functional' ? '搜索功能分类科目（编码或名称）' : '搜索经济分类科目'}
        onChange={(x: string) => ed.set(path, x)}
        style={{ width: '100%' }}
        popupMatchSelectWidth={false}
        aria-label={kind === 'functional' ? '功能分类科目' : '经济分类科目'}
        data-path={ps}
      />
      <Notes notes={notes} />
    </div>
  );
}

/** A map (prior, reasons, report texts …) as a key/value table. */
export function KeyValueTable({
  path,
  keyTitle,
  valueTitle,
  valueKind,
  keyOptions,
  title,
}: {
  path: Path;
  keyTitle: string;
  valueTitle: string;
  valueKind: FieldKind;
  keyOptions?: { value: string; label: string }[];
  title?: ReactNode;
}) {
  const ed = useEditor();
  const ps = pathString(path);
  const rec = (getIn(ed.data, path) as Record<string, unknown> | undefined) ?? {};
  const keys = Object.keys(rec);
  const rename = (from: string, to: string) => {
    if (to === from || to === '' || Object.hasOwn(rec, to)) return;
    const next: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rec)) next[k === from ? to : k] = v;
    ed.set(path, next);
  };
  const addKey = () => {
    let k = '新项目';
    for (let i = 2; Object.hasOwn(rec, k); i++) k = `新项目${i}`;
    ed.set(path, { ...rec, [k]: '' });
  };
  return (
    <div id={fieldDomId(ps)} data-path={ps} style={{ marginBottom: 16 }}>
      {title}
      <Notes notes={ed.notesAt(ps)} />
      <Table
        size="small"
        bordered
        rowKey={(k) => k}
        dataSource={keys}
        pagination={false}
        locale={{ emptyText: '（无）' }}
        columns={[
          {
            title: keyTitle,
            key: 'k',
            width: 320,
            render: (k: string) =>
              keyOptions ? (
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  value={k}
                  disabled={ed.readOnly}
                  options={keyOptions.some((o) => o.value === k) ? keyOptions : [{ value: k, label: k }, ...keyOptions]}
                  onChange={(to: string) => rename(k, to)}
                  style={{ width: '100%' }}
                  popupMatchSelectWidth={false}
                />
              ) : (
                <Input defaultValue={k} disabled={ed.readOnly} onBlur={(e) => rename(k, e.target.value.trim())} />
              ),
          },
          { title: valueTitle, key: 'v', render: (k: string) => <F compact keepEmpty path={[...path, k]} kind={valueKind} /> },
          ...(ed.readOnly
            ? []
            : [
                {
                  title: '',
                  key: '-',
                  width: 64,
                  render: (k: string) => (
                    <Button size="small" type="text" danger onClick={() => ed.set(path, Object.fromEntries(Object.entries(rec).filter(([x]) => x !== k)))}>
                      删除
                    </Button>
                  ),
                },
              ]),
        ]}
      />
      {!ed.readOnly &&
        (keyOptions ? (
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            value={null}
            placeholder="添加一项：搜索指标名称或编号"
            options={keyOptions.filter((o) => !Object.hasOwn(rec, o.value))}
            onChange={(k: string) => ed.set(path, { ...rec, [k]: '' })}
            style={{ marginTop: 8, width: 360 }}
            popupMatchSelectWidth={false}
            aria-label={`添加 ${keyTitle}`}
            data-testid={`add-key-${ps}`}
          />
        ) : (
          <Button size="small" style={{ marginTop: 8 }} onClick={addKey}>
            添加一项
          </Button>
        ))}
    </div>
  );
}
