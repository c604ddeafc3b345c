// The bundled example datasets, loaded once for tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { examplesDir } from '../src/cli/demo.js';
import { parseDataset, type Dataset } from '../src/model/index.js';

export const EXAMPLES = ['zhaohua-zfw-2022', 'miyi-zfw-2021'] as const;
export type ExampleName = (typeof EXAMPLES)[number];

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
