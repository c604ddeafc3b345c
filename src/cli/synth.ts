/** `juesuan synth`: N synthetic, internally consistent datasets into a folder (for tests and benchmarks). */
import { join } from 'node:path';
import { CORRUPTIONS, corruptYaml } from '../synth/corrupt.js';
import { synthFileName, synthYaml } from '../synth/index.js';
import type { Effects } from '../app/effects.js';

export interface SynthCommandOptions {
  units: number;
  seed: number;
  outDir: string;
  /** How many of the units to break on purpose (spread evenly; each way in turn). */
  corrupt?: number;
}

export { parseCount } from './args.js';

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
