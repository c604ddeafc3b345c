/**
 * Exact money. Every amount is an integer number of 分 (fen, 0.01 元) held in a
 * bigint, so sums are exact. Decimal strings are parsed digit by digit, never
 * through binary floating point.
 */

/** An amount in 分. 1 元 = 100 分; 1 万元 = 1,000,000 分. */
export type Fen = bigint;

export type MoneyUnit = '元' | '万元';

export const FEN_PER_YUAN = 100n;
export const FEN_PER_WAN = 1_000_000n;

/** Fen per one unit of `unit`. */
export function fenPerUnit(unit: MoneyUnit): bigint {
  return unit === '万元' ? FEN_PER_WAN : FEN_PER_YUAN;
}

/** How many decimals of `unit` are exact 分: 元 → 2, 万元 → 6. */
export function maxDecimals(unit: MoneyUnit): number {
  return unit === '万元' ? 6 : 2;
}

/** An amount together with the precision it was stated to. */
export interface Amount {
  fen: Fen;
  /**
   * The size of the last stated digit, in 分: "1193.39" 万元 → 10,000 分
   * (0.01 万元); "4146701.19" 元 → 1 分. Exact data has precision 1.
   */
  precision: bigint;
}

export class MoneyParseError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`无法识别金额“${input}”：${reason}`);
    this.name = 'MoneyParseError';
  }
}

const FULL_WIDTH_DIGITS = /[０-９．，－]/g;
const HAS_FULL_WIDTH = /[０-９．，－]/;
const SPACE = /\s/;
function toHalfWidth(s: string): string {
  // Tested first: a replace with a callback costs far more than the test, and most figures are half-width.
  return HAS_FULL_WIDTH.test(s) ? s.replace(FULL_WIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) : s;
}

/** Fen per last stated digit, by the number of decimals stated (the unit's fen ÷ 10^decimals, made once). */
const FEN_PER_DIGIT_WAN = [1_000_000n, 100_000n, 10_000n, 1_000n, 100n, 10n, 1n];
const FEN_PER_DIGIT_YUAN = [100n, 10n, 1n];

/**
 * Parses "1193.39", "1,193.39", "-12.5", "１１９３．３９", "4146701.19元",
 * "580万元". A unit written in the text wins over `defaultUnit`.
 * Throws MoneyParseError on anything else (never returns a guess).
 */
export function parseAmount(input: string, defaultUnit: MoneyUnit): Amount {
  let s = toHalfWidth(input.trim());
  if (SPACE.test(s)) s = s.replace(/\s+/g, '');
  let unit = defaultUnit;
  if (s.endsWith('万元')) {
    unit = '万元';
    s = s.slice(0, -2);
  } else if (s.endsWith('元')) {
    unit = '元';
    s = s.slice(0, -1);
  }
  if (s === '') throw new MoneyParseError(input, '没有数字');
  // Thousands separators must sit in groups of three before the point.
  if (s.includes(',')) {
    if (!/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) throw new MoneyParseError(input, '千分位逗号位置不对');
    s = s.replace(/,/g, '');
  }
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new MoneyParseError(input, '不是有效的数字');
  const [, sign, whole, frac = ''] = m;
  const max = maxDecimals(unit);
  if (frac.length > max) {
    throw new MoneyParseError(input, `${unit}最多${max}位小数（精确到分）`);
  }
  // Value in 分 = digits (as an integer of the stated decimals) × fen per last digit.
  const digits = BigInt((whole ?? '0') + frac);
  const fenPerLastDigit = (unit === '万元' ? FEN_PER_DIGIT_WAN : FEN_PER_DIGIT_YUAN)[frac.length]!;
  const fen = digits * fenPerLastDigit;
  return { fen: sign ? -fen : fen, precision: fenPerLastDigit };
}

/** Convenience for exact data written in code or tests: wan("1193.39") → 分. */
export function wan(s: string): Fen {
  return parseAmount(s, '万元').fen;
}

/** Convenience: yuan("4146701.19") → 分. */
export function yuan(s: string): Fen {
  return parseAmount(s, '元').fen;
}

/** Integer division rounded half away from zero (四舍五入 on the exact value). */
export function divRound(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  const neg = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (2n * an + ad) / (2n * ad);
  return neg ? -q : q;
}

/** Rounds an amount to `decimals` decimals of `unit` (四舍五入), returned in units of 10^-decimals. */
export function roundTo(fen: Fen, unit: MoneyUnit, decimals: number): bigint {
  const per = fenPerUnit(unit);
  const step = 10n ** BigInt(decimals);
  return divRound(fen * step, per);
}

/** Formats a scaled integer (value × 10^decimals) as a decimal string. */
export function formatScaled(scaled: bigint, decimals: number): string {
  const neg = scaled < 0n;
  const abs = neg ? -scaled : scaled;
  const s = abs.toString().padStart(decimals + 1, '0');
  const body = decimals === 0 ? s : `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
  return neg ? `-${body}` : body;
}

/** "1193.39" — an amount in 万元 with 2 decimals (四舍五入), the report's default display. */
export function formatWan(fen: Fen, decimals = 2): string {
  return formatScaled(roundTo(fen, '万元', decimals), decimals);
}

/** "4146701.19" — an amount in 元 with 2 decimals (exact). */
export function formatYuan(fen: Fen): string {
  return formatScaled(fen, 2);
}

/** Formats in the given display unit with 2 decimals. */
export function formatMoney(fen: Fen, unit: MoneyUnit): string {
  return unit === '万元' ? formatWan(fen) : formatYuan(fen);
}

/** Exact decimal string of an amount in `unit`, with no rounding and no trailing zeros beyond 2 decimals. */
export function exactDecimal(fen: Fen, unit: MoneyUnit): string {
  const dec = maxDecimals(unit);
  const s = formatScaled(fen * (10n ** BigInt(dec)) / fenPerUnit(unit), dec);
  // Keep at least two decimals; drop zeros beyond that (one slice, not a loop: this runs for every figure).
  let end = s.length;
  while (end > s.length - (dec - 2) && s.charCodeAt(end - 1) === 48) end--;
  return s.slice(0, end);
}

export function sum(values: readonly Fen[]): Fen {
  let t = 0n;
  for (const v of values) t += v;
  return t;
}

export function abs(v: bigint): bigint {
  return v < 0n ? -v : v;
}
