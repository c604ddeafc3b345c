// The bundled example datasets, loaded once for tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { examplesDir } from '../src/cli/demo.js';
import { parseDataset, type Dataset } from '../src/model/index.js';

/** The two examples reconstructed from the seed reports (incomplete where the seeds are: they render as drafts). */
export const EXAMPLES = ['zhaohua-zfw-2022', 'miyi-zfw-2021'] as const;
/** The complete (synthetic) example: it renders as a final report. */
export const COMPLETE_EXAMPLE = 'qingjiang-cdc-2024';
export type ExampleName = (typeof EXAMPLES)[number] | typeof COMPLETE_EXAMPLE;

const cache = new Map<string, Dataset>();
export function loadExample(name: ExampleName): Dataset {
  let d = cache.get(name);
  if (!d) {
    const file = join(examplesDir(), `${name}.yaml`);
    d = parseDataset(readFileSync(file, 'utf8'), file);
    cache.set(name, d);
  }
  return d;
}
