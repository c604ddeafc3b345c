/**
 * The value axis of a bar chart: round tick values (steps of 1, 2 or 5 ×
 * 10^k, at most MAX_INTERVALS intervals) covering the data and zero.
 */

export interface Ticks {
  min: number;
  max: number;
  step: number;
  /** The tick values from min to max, as numbers and as printed (no float noise, no thousands separators). */
  values: number[];
  labels: string[];
}

const MAX_INTERVALS = 5;

/** Steps 1, 2, 5 × 10^k from the first one at or above `from`, with the decimals their multiples need. */
function* steps(from: number): Generator<{ step: number; decimals: number }> {
  let k = Math.floor(Math.log10(from)) - 1;
  for (;;) {
    for (const m of [1, 2, 5]) {
      const step = m * 10 ** k;
      // Exact-enough decimal places for printing step multiples.
      if (step >= from * (1 - 1e-12)) yield { step, decimals: Math.max(0, -k) };
    }
    k += 1;
  }
}

/**
 * Ticks for data in [lo, hi]. The axis always includes zero (bars grow from
 * it); all-zero data gets 0–1. The result has 3–5 intervals for data of one
 * sign (4–6 ticks), a little fewer only when few round steps straddle zero.
 */
export function niceTicks(lo: number, hi: number): Ticks {
  let min = Math.min(0, lo);
  let max = Math.max(0, hi);
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new Error(`chart values out of range: ${lo}…${hi}`);
  if (max - min === 0) max = 1;
  const range = max - min;
  for (const { step, decimals } of steps(range / MAX_INTERVALS)) {
    const first = Math.floor(min / step + 1e-9);
    const last = Math.ceil(max / step - 1e-9);
    if (last - first > MAX_INTERVALS) continue;
    const values: number[] = [];
    const labels: string[] = [];
    for (let i = first; i <= last; i++) {
      // Rounded to the step's decimals, then printed as the shortest number: 0, 0.2, 1.
      const value = Number((i * step).toFixed(decimals)) + 0;
      values.push(value);
      labels.push(String(value));
    }
    min = values[0]!;
    max = values[values.length - 1]!;
    return { min, max, step, values, labels };
  }
  throw new Error('unreachable: some step covers any finite range');
}
