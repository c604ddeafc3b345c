/** Dataset paths as the rule pack and the schema write them: `expenditure[3].basic`, `prior.total.income`. */
export type Seg = string | number;
export type Path = readonly Seg[];

export function pathString(p: Path): string {
  let s = '';
  for (const seg of p) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? seg : `.${seg}`;
  return s;
}

type Obj = Record<string, unknown>;

export function getIn(root: unknown, p: Path): unknown {
  let cur: unknown = root;
  for (const seg of p) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Obj)[seg as string];
  }
  return cur;
}

/** A copy of `root` with the value at `p` replaced (undefined removes an object key). */
export function setIn<T>(root: T, p: Path, value: unknown): T {
  if (p.length === 0) return value as T;
  const [head, ...rest] = p as [Seg, ...Seg[]];
  if (typeof head === 'number') {
    const arr = Array.isArray(root) ? [...(root as unknown[])] : [];
    arr[head] = setIn(arr[head], rest, value);
    return arr as T;
  }
  const obj: Obj = root !== null && typeof root === 'object' && !Array.isArray(root) ? { ...(root as Obj) } : {};
  const next = setIn(obj[head], rest, value);
  if (next === undefined) delete obj[head];
  else obj[head] = next;
  return obj as T;
}

/** The editor sections, in the order of the report. */
export const SECTIONS = [
  { key: 'unit', title: '单位概况' },
  { key: 'income', title: '收入' },
  { key: 'expenditure', title: '支出' },
  { key: 'basic', title: '基本支出' },
  { key: 'sangong', title: '三公经费' },
  { key: 'operating', title: '机关运行经费' },
  { key: 'procurement', title: '政府采购' },
  { key: 'assets', title: '国有资产' },
  { key: 'performance', title: '绩效自评' },
  { key: 'reasons', title: '变动原因' },
] as const;
export type SectionKey = (typeof SECTIONS)[number]['key'];

/** The dataset keys each section edits (its advanced JSON editor shows exactly these). */
export const SECTION_KEYS: Record<SectionKey, readonly string[]> = {
  unit: ['format', 'year', 'moneyUnit', 'profile', 'tableSet', 'reportDate', 'unit', 'otherMatters'],
  income: ['income', 'useOfNonFiscalBalance', 'openingBalance', 'closingBalance', 'balanceDistribution'],
  expenditure: ['expenditure', 'expenditureIncludes'],
  basic: ['basicExpense'],
  sangong: ['sangong'],
  operating: ['operatingCost'],
  procurement: ['procurement'],
  assets: ['assets'],
  performance: ['performance', 'evaluations'],
  reasons: ['prior', 'reasons'],
};

const HEAD_TO_SECTION = new Map<string, SectionKey>(
  (Object.entries(SECTION_KEYS) as [SectionKey, readonly string[]][]).flatMap(([s, keys]) => keys.map((k) => [k, s] as const)),
);

/** The section of a dataset path, or undefined (a path outside the dataset's keys). */
export function sectionOf(path: string): SectionKey | undefined {
  const head = /^[^.[]*/.exec(path)?.[0] ?? '';
  return HEAD_TO_SECTION.get(head);
}

/** Shorter paths, most specific first: `a.b[2].c` → `a.b[2]`, `a.b`, `a`. For prior/reasons the key keeps its dots. */
export function parents(path: string): string[] {
  const out: string[] = [];
  let p = path;
  for (;;) {
    const m = /(\[\d+\]|\.[^.[]+)$/.exec(p);
    if (!m || m.index === 0) break;
    p = p.slice(0, m.index);
    out.push(p);
  }
  return out;
}
