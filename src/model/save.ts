/**
 * Dataset → its authoring form, the inverse of load.ts: `parseDataset(datasetToYaml(d))`
 * deep-equals `d`. Amounts are written as strings that keep both their exact
 * value and their stated precision (see `formatAmount`). Pure: no Node, no I/O.
 *
 * Also the flat key/value form used by the "数据" sheet of exported workbooks
 * (`datasetToEntries` / `entriesToRaw`), so readers and writers share one codec.
 */
import { Document, isMap, isScalar, isSeq, visit, type Node as YamlNode, type Pair } from 'yaml';
import { fenPerUnit, formatScaled, maxDecimals, type Amount, type MoneyUnit } from '../money/index.js';
import type { Dataset } from './schema.js';

export const DATASET_FORMAT = 'juesuan-dataset/1';

export function isAmount(v: unknown): v is Amount {
  return typeof v === 'object' && v !== null && typeof (v as Amount).fen === 'bigint' && typeof (v as Amount).precision === 'bigint';
}

/** Number of decimals of `unit` whose last digit is worth `precision` 分, or undefined when it is not a power-of-ten step of that unit. */
function decimalsFor(precision: bigint, unit: MoneyUnit): number | undefined {
  const per = fenPerUnit(unit);
  for (let k = 0; k <= maxDecimals(unit); k++) {
    if (per / 10n ** BigInt(k) === precision && per % 10n ** BigInt(k) === 0n) return k;
  }
  return undefined;
}

/**
 * The authoring string of an amount, read back by `parseAmount(s, unit)` as the
 * same `{fen, precision}`:
 * - precision finer than 0.01 万元 in a 万元 dataset → 元 with the 元 suffix ("4146701.19元",
 *   "4146701元"): a dataset states 万元 to two decimals at most;
 * - otherwise in the dataset's unit with as many decimals as the precision implies
 *   (580 @ 1,000,000 → "580", 580.00 @ 10,000 → "580.00");
 * - a precision coarser than 1 元 in a 元 dataset → 万元 with the suffix ("580万元").
 * Throws when the amount is not exactly representable (fen not a multiple of precision, or an
 * unknown precision), which no parsed dataset contains.
 */
export function formatAmount(a: Amount, unit: MoneyUnit): string {
  if (a.precision <= 0n || a.fen % a.precision !== 0n) {
    throw new RangeError(`amount ${a.fen} is not a multiple of its precision ${a.precision}`);
  }
  const candidates: { unit: MoneyUnit; suffix: string }[] =
    unit === '万元'
      ? a.precision < 10_000n
        ? [{ unit: '元', suffix: '元' }, { unit: '万元', suffix: '' }]
        : [{ unit: '万元', suffix: '' }, { unit: '元', suffix: '元' }]
      : [{ unit: '元', suffix: '' }, { unit: '万元', suffix: '万元' }];
  for (const c of candidates) {
    const k = decimalsFor(a.precision, c.unit);
    if (k === undefined) continue;
    return formatScaled(a.fen / a.precision, k) + c.suffix;
  }
  throw new RangeError(`precision ${a.precision} 分 cannot be written in ${unit}`);
}

/** A value of the authoring form: what YAML/JSON holds before the schema reads it. */
export type RawValue = string | number | boolean | RawValue[] | { [key: string]: RawValue };

/** The dataset as plain data: amounts become authoring strings, everything else stays as parsed. */
export function datasetToRaw(d: Dataset): { [key: string]: RawValue } {
  const unit: MoneyUnit = d.moneyUnit;
  const walk = (v: unknown): RawValue | undefined => {
    if (v === undefined || v === null) return undefined;
    if (isAmount(v)) return formatAmount(v, unit);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (typeof v === 'bigint') return v.toString();
    if (Array.isArray(v)) return v.map((x) => walk(x) ?? '');
    if (typeof v === 'object') {
      const out: { [key: string]: RawValue } = {};
      for (const [k, x] of Object.entries(v)) {
        const w = walk(x);
        if (w !== undefined) out[k] = w;
      }
      return out;
    }
    throw new TypeError(`unexpected value of type ${typeof v} in a dataset`);
  };
  return walk(d) as { [key: string]: RawValue };
}

export interface YamlOptions {
  /** Comment lines printed at the top of the file (without the leading "#"). */
  header?: string[];
}

/** Keys whose values are classification codes: always quoted, so other YAML readers keep them as strings. */
const CODE_KEYS = new Set(['code']);

/**
 * The authoring YAML of plain data. Written with the failsafe schema, which is
 * how load.ts reads it, so "580.00" stays unquoted and exact; codes are quoted
 * anyway; short list items (expenditure lines, economic items) are written on
 * one line like the hand-written examples.
 */
export function rawToYaml(raw: { [key: string]: RawValue }, o: YamlOptions = {}): string {
  const doc = new Document(stringifyLeaves(raw), { schema: 'failsafe' });
  visit(doc, {
    Pair(_, pair: Pair) {
      if (isScalar(pair.key) && CODE_KEYS.has(String(pair.key.value)) && isScalar(pair.value)) pair.value.type = 'QUOTE_DOUBLE';
    },
    Map(_, map, path) {
      const parent = path[path.length - 1] as YamlNode | Pair | undefined;
      // Items of a list, and the byFund/region maps, read best on one line when short and single-line.
      const inList = parent !== undefined && isSeq(parent);
      if (!inList) return;
      const scalars = map.items.every((p) => isScalar(p.value) && !String(p.value.value).includes('\n') && !String(p.value.value).includes('\r'));
      const width = map.items.reduce((n, p) => n + String(isScalar(p.key) ? p.key.value : '').length + String(isScalar(p.value) ? p.value.value : '').length + 4, 0);
      if (scalars && width <= 100) map.flow = true;
    },
  });
  for (const p of ['openingBalance', 'closingBalance']) {
    const n = doc.get(p, true);
    if (isMap(n)) n.flow = true;
  }
  const body = doc.toString({ lineWidth: 0, flowCollectionPadding: true });
  const header = (o.header ?? []).map((l) => (l === '' ? '#' : `# ${l}`)).join('\n');
  return header ? `${header}\n${body}` : body;
}

function stringifyLeaves(v: RawValue): unknown {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(stringifyLeaves);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, stringifyLeaves(x)]));
  return v;
}

/** The authoring YAML of a dataset: `parseDataset(datasetToYaml(d))` deep-equals `d`. */
export function datasetToYaml(d: Dataset, o: YamlOptions = {}): string {
  return rawToYaml(datasetToRaw(d), o);
}

// ---------------------------------------------------------------------------
// The flat form: one entry per leaf, keyed by a path such as
// `unit.duties[0]`, `expenditure[2].basic` or `prior["expense.general_budget@204"]`.

export type EntryType = 'text' | 'amount' | 'integer' | 'boolean' | 'emptyObject' | 'emptyList';

export interface FlatEntry {
  key: string;
  /** The exact string ("" for empty containers). */
  value: string;
  type: EntryType;
}

/** Chinese names of entry types, as shown in the "数据" sheet. */
export const ENTRY_TYPE_LABELS: Record<EntryType, string> = {
  text: '文本',
  amount: '金额',
  integer: '整数',
  boolean: '是否',
  emptyObject: '空对象',
  emptyList: '空列表',
};

const IDENT = /^[\p{L}_][\p{L}\p{N}_]*$/u;
/** Sequences spreadsheet XML readers decode (`_x0041_` → "A") or drop (C1 controls, U+FFFE, U+FFFF). */
const XML_HAZARD = /_x[0-9A-Fa-f]{4}_|[\u007F-\u009F\uFFFE\uFFFF]/;

const uEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * A JSON string literal that also survives a trip through spreadsheet XML:
 * C0 controls and lone surrogates are escaped by JSON itself; C1 controls,
 * U+FFFE/U+FFFF and — when it could form an `_xHHHH_` escape — "_" are
 * escaped as \uXXXX.
 */
export function jsonQuote(s: string): string {
  let q = JSON.stringify(s).replace(/[\u007F-\u009F\uFFFE\uFFFF]/g, uEscape);
  if (/_x[0-9A-Fa-f]{4}_/.test(q)) q = q.replace(/_/g, uEscape);
  return q;
}

function keySegment(k: string): string {
  return IDENT.test(k) && !XML_HAZARD.test(k) ? `.${k}` : `[${jsonQuote(k)}]`;
}

/** One entry per leaf of the dataset, in document order. */
export function datasetToEntries(d: Dataset): FlatEntry[] {
  const unit: MoneyUnit = d.moneyUnit;
  const out: FlatEntry[] = [];
  const walk = (v: unknown, path: string): void => {
    if (v === undefined || v === null) return;
    const key = path.startsWith('.') ? path.slice(1) : path;
    if (isAmount(v)) out.push({ key, value: formatAmount(v, unit), type: 'amount' });
    else if (typeof v === 'string') out.push({ key, value: v, type: 'text' });
    else if (typeof v === 'number') out.push({ key, value: String(v), type: 'integer' });
    else if (typeof v === 'boolean') out.push({ key, value: String(v), type: 'boolean' });
    else if (Array.isArray(v)) {
      if (v.length === 0) out.push({ key, value: '', type: 'emptyList' });
      v.forEach((x, i) => walk(x, `${path}[${i}]`));
    } else if (typeof v === 'object') {
      const entries = Object.entries(v).filter(([, x]) => x !== undefined);
      if (entries.length === 0) out.push({ key, value: '', type: 'emptyObject' });
      for (const [k, x] of entries) walk(x, path + keySegment(k));
    } else throw new TypeError(`unexpected value of type ${typeof v} in a dataset`);
  };
  walk(d, '');
  return out;
}

export class EntryPathError extends Error {
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`键“${key}”${reason}`);
    this.name = 'EntryPathError';
  }
}

type Segment = string | number;

/** Parses `a.b[0]["x.y"]` into segments. Throws EntryPathError. */
export function parseEntryKey(key: string): Segment[] {
  const segs: Segment[] = [];
  let i = 0;
  const ident = /[\p{L}_][\p{L}\p{N}_]*/uy;
  while (i < key.length) {
    const first = segs.length === 0;
    if (key[i] === '[') {
      if (key[i + 1] === '"') {
        // A JSON string up to the closing quote that is followed by "]".
        let j = i + 2;
        while (j < key.length && key[j] !== '"') j += key[j] === '\\' ? 2 : 1;
        if (j >= key.length || key[j + 1] !== ']') throw new EntryPathError(key, '的引号没有闭合');
        let s: unknown;
        try {
          s = JSON.parse(key.slice(i + 1, j + 1));
        } catch {
          throw new EntryPathError(key, '中的带引号键名无效');
        }
        segs.push(String(s));
        i = j + 2;
      } else {
        const m = /^\[(0|[1-9]\d{0,5})\]/.exec(key.slice(i));
        if (!m) throw new EntryPathError(key, '中的序号无效');
        segs.push(Number(m[1]));
        i += m[0].length;
      }
    } else {
      if (!first) {
        if (key[i] !== '.') throw new EntryPathError(key, `在第${i + 1}个字符处格式不对`);
        i++;
      }
      ident.lastIndex = i;
      const m = ident.exec(key);
      if (!m) throw new EntryPathError(key, `在第${i + 1}个字符处格式不对`);
      segs.push(m[0]);
      i += m[0].length;
    }
  }
  if (segs.length === 0) throw new EntryPathError(key, '为空');
  return segs;
}

type Container = { [key: string]: unknown } | unknown[];

/**
 * Rebuilds the authoring form from flat entries (every leaf a string, which
 * the schema accepts for amounts, counts and yes/no). Containers are created
 * without prototypes, so no key can reach Object.prototype. Throws
 * EntryPathError on a malformed key, a list index that skips ahead, or two
 * entries for the same place.
 */
export function entriesToRaw(entries: readonly FlatEntry[]): { [key: string]: RawValue } {
  const root: { [key: string]: unknown } = Object.create(null);
  for (const e of entries) {
    const segs = parseEntryKey(e.key);
    let cur: Container = root;
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i]!;
      const last = i === segs.length - 1;
      const nextSeg = segs[i + 1];
      const isList = Array.isArray(cur);
      if (isList !== (typeof seg === 'number')) throw new EntryPathError(e.key, '与其他键的结构不一致（列表与对象混用）');
      const existing: unknown = isList ? (cur as unknown[])[seg as number] : Object.hasOwn(cur, seg) ? (cur as Record<string, unknown>)[seg as string] : undefined;
      if (isList && (seg as number) > (cur as unknown[]).length) throw new EntryPathError(e.key, '的序号不连续');
      let value: unknown;
      if (last) {
        if (existing !== undefined) throw new EntryPathError(e.key, '重复出现');
        value = e.type === 'emptyObject' ? Object.create(null) : e.type === 'emptyList' ? [] : e.value;
      } else if (existing === undefined) {
        value = typeof nextSeg === 'number' ? [] : Object.create(null);
      } else {
        if (typeof existing !== 'object' || existing === null) throw new EntryPathError(e.key, '与其他键的结构不一致');
        cur = existing as Container;
        continue;
      }
      if (isList) (cur as unknown[])[seg as number] = value;
      else Object.defineProperty(cur, seg as string, { value, enumerable: true, writable: true, configurable: true });
      if (!last) cur = value as Container;
    }
  }
  return root as { [key: string]: RawValue };
}
