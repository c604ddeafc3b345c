/**
 * A stated figure as an interval: the exact value lies within half a unit of
 * its last stated digit (XBRL calculation 1.1). Money is held in 0.1 分, rates
 * in 10⁻⁶ %, so every bound is an integer and no float is ever used.
 */
import { parseAmount, type Amount, type MoneyUnit } from '../money/index.js';
import type { Claim } from './types.js';

export interface Interval {
  lo: bigint;
  hi: bigint;
}

export const PCT_SCALE = 1_000_000n;
/** The money units a figure's interval is computed for. */
export const MONEY_UNITS: ReadonlySet<string> = new Set(['元', '万元']);

/** Money in 0.1 分 with half its stated precision either side. */
/** An amount known to its stated precision, in 0.1 分: ± half its last digit. */
export function amountInterval(a: Amount): Interval {
  return { lo: a.fen * 10n - a.precision * 5n, hi: a.fen * 10n + a.precision * 5n };
}

export function moneyInterval(value: string, unit: string): Interval | undefined {
  if (!MONEY_UNITS.has(unit)) return undefined;
  try {
    return amountInterval(parseAmount(value, unit as MoneyUnit));
  } catch {
    return undefined;
  }
}

/** A percentage (or a plain count) in 10⁻⁶ units with half its stated precision either side. */
export function decimalInterval(value: string): Interval | undefined {
  const m = /^(-)?(\d+)(?:\.(\d{1,6})\d*)?$/.exec(value);
  if (!m) return undefined;
  const frac = m[3] ?? '';
  const units = BigInt(m[2]! + frac.padEnd(6, '0')) * (m[1] ? -1n : 1n);
  const h = 5n * 10n ** BigInt(5 - frac.length);
  return { lo: units - h, hi: units + h };
}

/** The interval of a claim's value in its kind's scale (money 0.1 分; others 10⁻⁶). */
export function claimInterval(c: Pick<Claim, 'value' | 'unit'>): Interval | undefined {
  if (MONEY_UNITS.has(c.unit)) return moneyInterval(c.value, c.unit);
  const d = decimalInterval(c.value);
  // Whole counts (人, 辆, 个 …) are exact; only percentages are rounded.
  if (d && c.unit !== '%' && /^-?\d+$/.test(c.value)) return { lo: (d.lo + d.hi) / 2n, hi: (d.lo + d.hi) / 2n };
  return d;
}

export const add = (a: Interval, b: Interval): Interval => ({ lo: a.lo + b.lo, hi: a.hi + b.hi });
export const sub = (a: Interval, b: Interval): Interval => ({ lo: a.lo - b.hi, hi: a.hi - b.lo });
/** A stated change amount with its sign: 减少/下降 is negative. */
export const signedBy = (i: Interval, direction: 'up' | 'down' | 'flat' | undefined): Interval => (direction === 'down' ? { lo: -i.hi, hi: -i.lo } : i);
export const overlaps = (a: Interval, b: Interval) => a.lo <= b.hi && b.lo <= a.hi;
/** How far apart two intervals are (0 when they overlap). */
export const gap = (a: Interval, b: Interval) => (overlaps(a, b) ? 0n : a.lo > b.hi ? a.lo - b.hi : b.lo - a.hi);

const floorDiv = (n: bigint, d: bigint) => (n >= 0n ? n / d : -((-n + d - 1n) / d));
const ceilDiv = (n: bigint, d: bigint) => -floorDiv(-n, d);

/** 100 × num / den as a percentage interval (10⁻⁶ %); undefined when den may be zero or negative. */
export function percentInterval(num: Interval, den: Interval): Interval | undefined {
  if (den.lo <= 0n) return undefined;
  const k = 100n * PCT_SCALE;
  const cands = [num.lo * k, num.hi * k];
  const lo = cands.map((n) => (n >= 0n ? floorDiv(n, den.hi) : floorDiv(n, den.lo)));
  const hi = cands.map((n) => (n >= 0n ? ceilDiv(n, den.lo) : ceilDiv(n, den.hi)));
  return { lo: lo.reduce((a, b) => (a < b ? a : b)), hi: hi.reduce((a, b) => (a > b ? a : b)) };
}

/** num / (pct/100): the whole a part and its percentage imply (0.1 分). */
export function wholeFromPercent(part: Interval, pct: Interval): Interval | undefined {
  if (pct.lo <= 0n || part.lo < 0n) return undefined;
  const k = 100n * PCT_SCALE;
  return { lo: floorDiv(part.lo * k, pct.hi), hi: ceilDiv(part.hi * k, pct.lo) };
}

/** Formats a money interval's midpoint as 万元 with 2 decimals, a percent one with 2 decimals. */
export function formatWanMid(i: Interval): string {
  const mid = (i.lo + i.hi) / 2n; // 0.1 分
  const scaled = (mid * 100n + (mid >= 0n ? 5_000_000n : -5_000_000n)) / 10_000_000n;
  return fmt(scaled, 2);
}
export function formatPctMid(i: Interval): string {
  const mid = (i.lo + i.hi) / 2n;
  const scaled = (mid + (mid >= 0n ? 5_000n : -5_000n)) / 10_000n;
  return fmt(scaled, 2);
}
export function formatWanHalf(i: Interval): string {
  const h = (i.hi - i.lo) / 2n;
  return fmt((h * 100n) / 10_000_000n, 2, true);
}
function fmt(scaled: bigint, decimals: number, keep = false): string {
  const neg = scaled < 0n;
  const s = (neg ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  const out = `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
  return (neg ? '-' : '') + (keep ? out : out);
}
