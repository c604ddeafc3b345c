/**
 * Indicator notation on 绩效自评表 (performance self-evaluation forms): reads
 * the 年度指标值 (target) and 实际完成值 (actual) cells as people write them —
 * "≥1282个", "＞80%", "≤60万元", "171套", "1年", "优良中差", "2021年1-12月",
 * "40000份7950个", "满意度达到95%" — into a typed value. Values stay exact
 * decimal strings; whatever cannot be read becomes `unparsed` with a Chinese
 * reason, never a guess.
 */
import { MoneyParseError, fenPerUnit, parseAmount, type MoneyUnit } from '../money/index.js';
import { formatDecimal, parseDecimal, shift } from './decimal.js';

export type Comparator = '=' | '≥' | '≤' | '>' | '<';

/**
 * A quantity split into its number, its magnitude prefix and its base unit:
 * "2万件次" → { value: '2', magnitude: '万', unit: '件次' }. The value stays
 * as written (not scaled by the prefix); toCommonUnit does the scaling.
 */
export interface Quantity {
  value: string;
  magnitude: '' | '万' | '亿';
  unit: string;
}

/** One number with its comparator and unit, as written in a cell. */
export interface QuantityItem {
  comparator: Comparator;
  /** Exact decimal string as written, thousands separators removed ("1282", "2.1", "0.8"). */
  value: string;
  /** Unit as written, magnitude prefix included: '个', '%', '万元', '万件次', '件/人', or ''. */
  unit: string;
  /** True when no comparator was written ("171套"): `comparator` says '=', and scoring reads it as "≥" (成本: "≤"). */
  implied?: true;
  /** Words written before the number ("满意度达到95%" → '满意度'; "垃圾桶7950个" → '垃圾桶'). */
  label?: string;
}

export type ParsedValue =
  | ({ kind: 'quantity' } & QuantityItem & {
      /** Cell text, when parseActual gave the value the target's unit or converted it (2.1 → 2.1万件次; 167375元 → 16.7375万元). */
      asWritten?: string;
    })
  /** Several quantities in one cell: "40000份7950个", "宣传册 40000份 垃圾桶7950个". */
  | { kind: 'quantities'; items: QuantityItem[] }
  /** 优 / 良 / 中 / 差 / 达成预期指标 / 优良中差 / 符合相关规定 … (text without digits). */
  | { kind: 'qualitative'; text: string }
  /** 2021年1-12月, 1年, 12个月, 2022年12月31日前, 年底前. */
  | { kind: 'period'; text: string }
  | { kind: 'unparsed'; text: string; reason: string };

export type QuantityValue = Extract<ParsedValue, { kind: 'quantity' }>;

/** 优 / 良 / 中 / 差 — the four grades of a qualitative indicator and of a total score. */
export type Grade = '优' | '良' | '中' | '差';

// ---------------------------------------------------------------------------
// Normalisation

/**
 * NFKC turns full-width forms into half-width ones (＞ → >, ＜ → <, ＝ → =,
 * ％ → %, １ → 1, ， → ,); the rest are mapped by hand (≧ ⩾ >= → ≥ …).
 */
export function normaliseNotation(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[≧⩾]/g, '≥')
    .replace(/[≦⩽]/g, '≤')
    .replace(/>=|≥=/g, '≥')
    .replace(/<=|≤=/g, '≤')
    .replace(/[〜]/g, '~')
    .replace(/[。；;]+$/u, '')
    .trim();
}

// ---------------------------------------------------------------------------
// Comparator words

type Side = 'target' | 'actual';

/** Longest first, so 不低于 wins over 低于 and 大于等于 over 大于. */
const COMPARATOR_WORDS: ReadonlyArray<readonly [string, Comparator, Comparator]> = [
  // word, meaning in a target, meaning in an actual
  ['大于或等于', '≥', '≥'],
  ['小于或等于', '≤', '≤'],
  ['大于等于', '≥', '≥'],
  ['小于等于', '≤', '≤'],
  ['不低于', '≥', '≥'],
  ['不少于', '≥', '≥'],
  ['不小于', '≥', '≥'],
  ['不高于', '≤', '≤'],
  ['不超过', '≤', '≤'],
  ['不多于', '≤', '≤'],
  ['不大于', '≤', '≤'],
  ['至少', '≥', '≥'],
  ['至多', '≤', '≤'],
  // "满意度达到95%" sets a floor as a target but states the value as an actual.
  ['达到', '≥', '='],
  ['大于', '>', '>'],
  ['高于', '>', '>'],
  ['超过', '>', '>'],
  ['多于', '>', '>'],
  ['小于', '<', '<'],
  ['低于', '<', '<'],
  ['少于', '<', '<'],
  ['等于', '=', '='],
];
const SYMBOLS: readonly Comparator[] = ['≥', '≤', '>', '<', '='];

function comparatorOf(token: string, side: Side): Comparator | undefined {
  if ((SYMBOLS as readonly string[]).includes(token)) return token as Comparator;
  const w = COMPARATOR_WORDS.find(([word]) => word === token);
  return w ? (side === 'target' ? w[1] : w[2]) : undefined;
}

const CMP_ALTERNATIVES = [...COMPARATOR_WORDS.map(([w]) => w), ...SYMBOLS].join('|');
/** Thousands separators only in groups of three: 1,282 is one number, 40000份,7950个 two. */
const NUM = String.raw`-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
const LABEL = String.raw`[\u4e00-\u9fffA-Za-z“”"'·:]*?`;
const SINGLE = new RegExp(`^(?<label>${LABEL})(?<cmp>${CMP_ALTERNATIVES})?(?<num>${NUM})(?<unit>[^\\d]*)$`, 'u');
const ITEM = new RegExp(`(?<label>${LABEL})(?<cmp>${CMP_ALTERNATIVES})?(?<num>${NUM.slice(2)})(?<unit>[^\\d]*)`, 'uy');

/** A unit: CJK, Latin letters, %, ‰, /, ², ³, ·, ℃ — no digits, no brackets; at most 8 characters. */
const UNIT = /^[\u4e00-\u9fffA-Za-z%‰/²³·℃°]{0,8}$/u;

/** Suffixes that carry the comparator: "95%以上" (≥), "3天以内" (≤). */
const SUFFIXES: ReadonlyArray<readonly [string, Comparator]> = [
  ['及以上', '≥'],
  ['以上', '≥'],
  ['及以下', '≤'],
  ['以下', '≤'],
  ['以内', '≤'],
];

// ---------------------------------------------------------------------------
// Periods

const DASH = '[-~至到—–]';
const MONTHS = String.raw`\d{1,2}(?:${DASH}\d{1,2})?月(?:\d{1,2}日)?`;
const DATE = String.raw`(?:\d{4}年(?:${MONTHS})?|${MONTHS})`;
const PERIOD_DATE = new RegExp(`^${DATE}(?:${DASH}${DATE})?(?:底|末)?(?:前|之前|以前|内|以内|完成)?$`, 'u');
/** A bare duration: "1年", "12个月", "1年内", "2个季度". With a comparator ("≤1年") it is a quantity. */
const PERIOD_DURATION = /^\d+(?:\.\d+)?(?:个)?(?:年|月|季度|年度|自然年)(?:内|以内)?$/u;
/** A whole-cell range: "80%-90%", "5~10个". */
const RANGE = new RegExp(`^[≥≤<>=]?${NUM}[^\\d]{0,4}${DASH}${NUM}[^\\d]{0,4}$`, 'u');
const PERIOD_WORDS = new Set(['年底前', '年末前', '年内', '年度内', '当年', '全年', '本年度', '年底', '年末']);

// ---------------------------------------------------------------------------
// Parsing

interface ItemMatch {
  label: string;
  cmp: string | undefined;
  num: string;
  unit: string;
}

type ItemResult = { ok: QuantityItem } | { error: string };

function toItem(m: ItemMatch, side: Side): ItemResult {
  let comparator = m.cmp === undefined ? undefined : comparatorOf(m.cmp, side);
  let unit = m.unit;
  for (const [suffix, c] of SUFFIXES) {
    if (unit.endsWith(suffix)) {
      unit = unit.slice(0, -suffix.length);
      if (comparator !== undefined && comparator !== c) {
        return { error: `比较符号前后矛盾（“${m.cmp}”与“${suffix}”）` };
      }
      comparator = c;
      break;
    }
  }
  if (!UNIT.test(unit)) return { error: `单位“${unit}”无法识别` };
  const item: QuantityItem = { comparator: comparator ?? '=', value: m.num.replace(/,/g, ''), unit };
  if (comparator === undefined) item.implied = true;
  if (m.label !== '') item.label = m.label;
  return { ok: item };
}

function matchSingle(compact: string, side: Side): ItemResult | undefined {
  const m = SINGLE.exec(compact);
  if (!m?.groups) return undefined;
  const g = m.groups;
  return toItem({ label: g['label'] ?? '', cmp: g['cmp'], num: g['num'] ?? '', unit: g['unit'] ?? '' }, side);
}

/**
 * Several quantities in one cell. Chunks are split on spaces, 、, ; and on a
 * comma that does not sit between digits; within a chunk each number takes the
 * non-digit text after it as its unit. A chunk without digits labels the next
 * number ("宣传册 40000份"). Every item needs a unit, so a bare "1-12" is not read.
 */
function matchMany(normalised: string, side: Side): QuantityItem[] | undefined {
  const chunks = normalised.split(/\s+|[、;]|(?<=\D),/u).filter((c) => c !== '');
  const items: QuantityItem[] = [];
  let pending = '';
  for (const chunk of chunks) {
    if (!/\d/.test(chunk)) {
      pending += chunk;
      continue;
    }
    let pos = 0;
    while (pos < chunk.length) {
      ITEM.lastIndex = pos;
      const m = ITEM.exec(chunk);
      if (!m?.groups || m[0] === '') return undefined;
      const g = m.groups;
      const r = toItem({ label: pending + (g['label'] ?? ''), cmp: g['cmp'], num: g['num'] ?? '', unit: g['unit'] ?? '' }, side);
      pending = '';
      if ('error' in r || r.ok.unit === '') return undefined;
      items.push(r.ok);
      pos = ITEM.lastIndex;
    }
  }
  return items.length >= 2 && pending === '' ? items : undefined;
}

function parseValue(text: string, side: Side): ParsedValue {
  const normalised = normaliseNotation(text);
  const compact = normalised.replace(/\s+/g, '');
  if (compact === '') return { kind: 'unparsed', text, reason: '空白，没有填写' };
  if (PERIOD_WORDS.has(compact) || PERIOD_DATE.test(compact) || PERIOD_DURATION.test(compact)) {
    return { kind: 'period', text: compact };
  }
  if (!/\d/.test(compact)) {
    if (/^[≥≤<>=]/u.test(compact)) return { kind: 'unparsed', text, reason: '只有比较符号，没有数值' };
    return { kind: 'qualitative', text: normalised.replace(/\s+/g, ' ') };
  }

  // Spaces between digits ("40000 7950", "1 282") never join into one number.
  const split = /[\d.]\s+[\d.]/u.test(normalised);
  const single = split ? undefined : matchSingle(compact, side);
  if (single && 'ok' in single) return { kind: 'quantity', ...single.ok };
  const many = matchMany(normalised, side);
  if (many) return { kind: 'quantities', items: many };
  if (split) return { kind: 'unparsed', text, reason: '数字之间有空格，无法确定是一个数还是几个数' };
  if (single && 'error' in single) return { kind: 'unparsed', text, reason: single.error };
  if (RANGE.test(compact)) {
    return { kind: 'unparsed', text, reason: '区间写法（如“80%-90%”）不能自动判断，请改写为带比较符号的单个指标值' };
  }
  return { kind: 'unparsed', text, reason: '含有数字，但不是可识别的“比较符号＋数值＋单位”写法' };
}

/** Reads a 年度指标值 / 预期指标值 cell. Never throws. */
export function parseTarget(text: string): ParsedValue {
  return parseValue(text, 'target');
}

/**
 * Reads a 实际完成值 cell. With the target at hand, a bare number takes the
 * target's unit (target "≥2万件次", actual "2.1" → 2.1 万件次), and a unit
 * with the same base but another magnitude is converted exactly into the
 * target's unit ("167375元" against 万元 → 16.7375 万元, through src/money).
 * A different unit stays as written; scoring then reports it. Never throws.
 */
export function parseActual(text: string, target?: ParsedValue): ParsedValue {
  const p = parseValue(text, 'actual');
  if (p.kind === 'quantity' && target?.kind === 'quantity') {
    const unit = adoptUnit(p, target);
    if (unit) return { ...p, ...unit, asWritten: text };
  }
  if (p.kind === 'quantities' && target?.kind === 'quantities' && p.items.length === target.items.length) {
    return {
      kind: 'quantities',
      items: p.items.map((item, i) => {
        const adopted = adoptUnit(item, target.items[i]!);
        return adopted ? { ...item, ...adopted } : item;
      }),
    };
  }
  return p;
}

function adoptUnit(actual: QuantityItem, target: QuantityItem): { value: string; unit: string } | undefined {
  if (actual.unit === target.unit) return undefined;
  if (actual.unit === '' && target.unit !== '') return { value: actual.value, unit: target.unit };
  const value = convertUnit(actual.value, actual.unit, target.unit);
  return value === undefined ? undefined : { value, unit: target.unit };
}

// ---------------------------------------------------------------------------
// Units

const MAGNITUDES: Record<Quantity['magnitude'], number> = { '': 0, 万: 4, 亿: 8 };

/** "2万件次" → { value: '2', magnitude: '万', unit: '件次' }. Only 万 and 亿 are prefixes (千克 is a unit of its own). */
export function toQuantity(q: Pick<QuantityItem, 'value' | 'unit'>): Quantity {
  const first = q.unit.charAt(0);
  if (first === '万' || first === '亿') return { value: q.value, magnitude: first, unit: q.unit.slice(1) };
  return { value: q.value, magnitude: '', unit: q.unit };
}

const MONEY_UNITS: readonly string[] = ['元', '万元'];

/**
 * `value` in unit `from` expressed in unit `to`, exactly; undefined when the
 * base units differ. Money (元 / 万元) goes through 分 with src/money; a value
 * finer than 1 分, and every other unit, is shifted by powers of ten.
 */
export function convertUnit(value: string, from: string, to: string): string | undefined {
  const a = toQuantity({ value, unit: from });
  const b = toQuantity({ value: '0', unit: to });
  if (a.unit !== b.unit) return undefined;
  const d = parseDecimal(value);
  if (!d) return undefined;
  if (MONEY_UNITS.includes(from) && MONEY_UNITS.includes(to)) {
    try {
      const fen = parseAmount(value, from as MoneyUnit).fen;
      // 1 元 = 10^2 分, 1 万元 = 10^6 分 (fenPerUnit), so 分 → `to` is an exact decimal shift.
      const digits = fenPerUnit(to as MoneyUnit).toString().length - 1;
      return formatDecimal(shift({ units: fen, scale: 0 }, -digits));
    } catch (e) {
      if (!(e instanceof MoneyParseError)) throw e;
    }
  }
  return formatDecimal(shift(d, MAGNITUDES[a.magnitude] - MAGNITUDES[b.magnitude]));
}

/**
 * Brings two quantities to one unit so they compare: 万元 vs 元, 万件次 vs
 * 件次, % vs %. Both are expressed in the finer unit (2万件次 vs 21000件次 →
 * '20000' vs '21000' in 件次). Undefined when the base units differ (个 vs 台,
 * '' vs %) or a value is not a plain decimal.
 */
export function toCommonUnit(
  a: Pick<QuantityItem, 'value' | 'unit'>,
  b: Pick<QuantityItem, 'value' | 'unit'>,
): { a: string; b: string; unit: string } | undefined {
  const qa = toQuantity(a);
  const qb = toQuantity(b);
  if (qa.unit !== qb.unit) return undefined;
  const da = parseDecimal(qa.value);
  const db = parseDecimal(qb.value);
  if (!da || !db) return undefined;
  const ea = MAGNITUDES[qa.magnitude];
  const eb = MAGNITUDES[qb.magnitude];
  const finer = ea <= eb ? qa.magnitude : qb.magnitude;
  const e = Math.min(ea, eb);
  return { a: formatDecimal(shift(da, ea - e)), b: formatDecimal(shift(db, eb - e)), unit: finer + qa.unit };
}

// ---------------------------------------------------------------------------
// 指标性质 and formatting

/**
 * The 指标性质 column of the 四川 form: "≥", "＞", "=", "定性" …; undefined
 * when blank or not recognised.
 */
export function parseNature(text: string): Comparator | 'qualitative' | undefined {
  const t = normaliseNotation(text).replace(/\s+/g, '');
  if (t === '') return undefined;
  if (t === '定性' || t === '定性指标') return 'qualitative';
  if ((SYMBOLS as readonly string[]).includes(t)) return t as Comparator;
  const w = COMPARATOR_WORDS.find(([word]) => word === t);
  return w?.[1];
}

function formatItem(q: QuantityItem): string {
  return `${q.label ?? ''}${q.implied ? '' : q.comparator}${q.value}${q.unit}`;
}

/** The value written back in canonical notation ("≥2万件次", "171套", "优"). */
export function formatValue(p: ParsedValue): string {
  switch (p.kind) {
    case 'quantity':
      return formatItem(p);
    case 'quantities':
      return p.items.map(formatItem).join(' ');
    default:
      return p.text;
  }
}
