/** `juesuan synth`: N synthetic, internally consistent datasets into a folder (for tests and benchmarks). */
import { join } from 'node:path';
import { CORRUPTIONS, corruptYaml } from '../synth/corrupt.js';
import { synthFileName, synthYaml } from '../synth/index.js';
import { UserError, type Effects } from '../app/effects.js';

export interface SynthCommandOptions {
  units: number;
  seed: number;
  outDir: string;
  /** How many of the units to break on purpose (spread evenly; each way in turn). */
  corrupt?: number;
}

/** Parses a non-negative integer option, with a Chinese message naming it. */
export function parseCount(value: string, option: string, min = 0): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new UserError(`${option} 应为不小于${min}的整数，实际为“${value}”`);
  }
  return Number(value);
}

/** Writes the datasets; returns the paths written. */
export function synthCommand(o: SynthCommandOptions, fx: Effects): string[] {
  const broken = new Set<number>();
  const k = Math.min(o.corrupt ?? 0, o.units);
  for (let j = 0; j < k; j++) broken.add(Math.floor(((j + 0.5) * o.units) / k));
  const written: string[] = [];
  let nth = 0;
  for (let i = 0; i < o.units; i++) {
    const path = join(o.outDir, synthFileName(i));
    const text = broken.has(i) ? corruptYaml(o.seed, i, CORRUPTIONS[nth++ % CORRUPTIONS.length]!) : synthYaml(o.seed, i);
    fx.writeFile(path, text);
    written.push(path);
  }
  return written;
}
