/**
 * A tiny exact decimal for indicator values and points. src/money holds 分 and
 * percentages; indicator values (件次, 个, %, 万元 …) and points need arbitrary
 * decimals, so they are kept here as a bigint of units at a decimal scale:
 * value = units / 10^scale. Nothing goes through binary floating point.
 */
import { divRound, formatScaled } from '../money/index.js';

export interface Decimal {
  units: bigint;
  scale: number;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** "2.1" → { units: 21n, scale: 1 }. Returns undefined for anything but a plain decimal. */
export function parseDecimal(text: string): Decimal | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const [, sign, whole = '0', frac = ''] = m;
  const units = BigInt(whole + frac);
  return { units: sign ? -units : units, scale: frac.length };
}

/** Like parseDecimal, for values written in code; throws on a malformed string. */
export function dec(text: string): Decimal {
  const d = parseDecimal(text);
  if (!d) throw new RangeError(`不是有效的十进制数：“${text}”`);
  return d;
}

/** The units of `d` at a larger (or equal) scale — exact. */
export function unitsAt(d: Decimal, scale: number): bigint {
  if (scale < d.scale) throw new RangeError('unitsAt would lose digits');
  return d.units * 10n ** BigInt(scale - d.scale);
}

/** d × 10^exp, exact (exp may be negative: 2 万 → 20000, 20000 元 → 2 万元). */
export function shift(d: Decimal, exp: number): Decimal {
  if (exp >= 0) return normalise({ units: d.units * 10n ** BigInt(exp), scale: d.scale });
  return normalise({ units: d.units, scale: d.scale - exp });
}

/** Drops trailing zero decimals: 16.737500 → 16.7375, 2.0 → 2. */
export function normalise(d: Decimal): Decimal {
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const s = Math.max(a.scale, b.scale);
  const x = unitsAt(a, s);
  const y = unitsAt(b, s);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** −1 / 0 / 1 comparing two decimal strings ("98" vs "98.00" is 0); undefined when either is not a plain decimal. */
export function compareText(a: string, b: string): -1 | 0 | 1 | undefined {
  const x = parseDecimal(a.trim());
  const y = parseDecimal(b.trim());
  return x && y ? compare(x, y) : undefined;
}

export function add(a: Decimal, b: Decimal): Decimal {
  const s = Math.max(a.scale, b.scale);
  return { units: unitsAt(a, s) + unitsAt(b, s), scale: s };
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** Canonical decimal string without trailing zeros: "16.7375", "2", "-0.5". */
export function formatDecimal(d: Decimal): string {
  const n = normalise(d);
  return formatScaled(n.units, n.scale);
}

/** The decimal rounded to `decimals` places (四舍五入, half away from zero), as a string. */
export function formatFixed(d: Decimal, decimals: number): string {
  return formatScaled(roundUnits(d.units, 10n ** BigInt(d.scale), decimals), decimals);
}

/**
 * numerator / denominator (exact integers, e.g. units brought to one scale)
 * rounded once to `decimals` places (四舍五入), returned as units at that scale.
 */
export function roundUnits(numerator: bigint, denominator: bigint, decimals: number): bigint {
  return divRound(numerator * 10n ** BigInt(decimals), denominator);
}
