/**
 * A small seeded random source (mulberry32): the same seed gives the same
 * sequence on every machine, so synthetic datasets are reproducible.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    // Spread nearby seeds apart so unit 1 and unit 2 do not start alike.
    this.state = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A bigint in [min, max] (ranges up to 2^53). */
  big(min: bigint, max: bigint): bigint {
    return min + BigInt(Math.floor(this.next() * Number(max - min + 1n)));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error('pick from an empty list');
    return xs[Math.floor(this.next() * xs.length)]!;
  }

  /** Up to n distinct items, in their original order. */
  some<T>(xs: readonly T[], n: number): T[] {
    const idx = xs.map((_, i) => i);
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [idx[i], idx[j]] = [idx[j]!, idx[i]!];
    }
    return idx.slice(0, Math.min(n, xs.length)).sort((a, b) => a - b).map((i) => xs[i]!);
  }

  /** `total` split into n non-negative integer parts that add up exactly. */
  split(total: bigint, n: number): bigint[] {
    if (n <= 0) return [];
    const cuts = Array.from({ length: n - 1 }, () => this.big(0n, total)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const parts: bigint[] = [];
    let prev = 0n;
    for (const c of [...cuts, total]) {
      parts.push(c - prev);
      prev = c;
    }
    return parts;
  }
}
