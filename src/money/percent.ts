import { abs, divRound, formatScaled } from './amount.js';

/**
 * A percentage in hundredths of a percent (0.01%): 5140n is 51.40%.
 * Computed from exact amounts and rounded once (四舍五入).
 */
export type Percent = bigint;

/** part / whole as a percentage with 2 decimals; null when the base is zero (not a number). */
export function percentOf(part: bigint, whole: bigint): Percent | null {
  if (whole === 0n) return null;
  return divRound(part * 10_000n, whole);
}

/** "51.40" (no % sign; the caller prints it so the figure stays a number). */
export function formatPercent(p: Percent): string {
  return formatScaled(p, 2);
}

/**
 * Shares of one whole that add up to exactly 100.00% (largest-remainder
 * method). `parts` must be non-negative and sum to a positive whole; otherwise
 * each share is rounded on its own (the parts are not a partition). Ties in the
 * remainder go to the earlier part so the result is deterministic.
 */
export function sharesOf(parts: readonly bigint[], whole?: bigint): Percent[] {
  const total = whole ?? parts.reduce((a, b) => a + b, 0n);
  if (total === 0n) return parts.map(() => 0n);
  const partition = parts.every((p) => p >= 0n) && parts.reduce((a, b) => a + b, 0n) === total && total > 0n;
  if (!partition) return parts.map((p) => divRound(p * 10_000n, total));
  const floors = parts.map((p) => (p * 10_000n) / total);
  const remainders = parts.map((p, i) => p * 10_000n - floors[i]! * total);
  let missing = 10_000n - floors.reduce((a, b) => a + b, 0n);
  const order = parts
    .map((_, i) => i)
    .sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b));
  const result = [...floors];
  for (const i of order) {
    if (missing <= 0n) break;
    if (remainders[i] === 0n) continue;
    result[i] = result[i]! + 1n;
    missing -= 1n;
  }
  return result;
}

export type ChangeDirection = 'increase' | 'decrease' | 'flat';

/** A comparison of a figure with its base (prior year or budget). */
export interface Change {
  direction: ChangeDirection;
  /** Absolute difference in 分. */
  amount: bigint;
  /** Relative change as a Percent of the base; null when the base is zero. */
  percent: Percent | null;
}

export function changeOf(current: bigint, base: bigint): Change {
  const diff = current - base;
  const direction: ChangeDirection = diff > 0n ? 'increase' : diff < 0n ? 'decrease' : 'flat';
  return { direction, amount: abs(diff), percent: base === 0n ? null : divRound(abs(diff) * 10_000n, abs(base)) };
}

/** 增加 / 减少 / 持平 — the verb for an amount. */
export function amountVerb(d: ChangeDirection): '增加' | '减少' | '持平' {
  return d === 'increase' ? '增加' : d === 'decrease' ? '减少' : '持平';
}

/** 增长 / 下降 — the verb for a rate. */
export function rateVerb(d: ChangeDirection): '增长' | '下降' | '持平' {
  return d === 'increase' ? '增长' : d === 'decrease' ? '下降' : '持平';
}
