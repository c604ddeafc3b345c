/**
 * Hostile and damaged input to the dataset loader (parseDataset): whatever
 * comes in, the result is a Dataset or a DatasetError with a Chinese message,
 * never another exception and never a hang. A dataset that loads also goes
 * through the checks without crashing. Fixed budgets (numRuns) keep CI fast.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleFiles } from '../../src/cli/demo.js';
import { DatasetError, parseDataset, type Dataset } from '../../src/model/index.js';
import { findProfile } from '../../src/profiles/index.js';
import { checkDataset } from '../../src/app/check.js';
import { synthDataset, synthYaml } from '../../src/synth/index.js';
import { applyEdit, textEdits } from './mutate.js';

const SEED = 20261123;

/** The only acceptable outcomes: a dataset, or our typed error with a Chinese message and no stack trace in it. */
function loadOrRefuse(text: string, file: string): Dataset | undefined {
  try {
    return parseDataset(text, file);
  } catch (e) {
    if (!(e instanceof DatasetError)) throw new Error(`parseDataset threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    expect(e.message).not.toMatch(/\n\s+at /);
    expect(e.issues.length).toBeGreaterThan(0);
    return undefined;
  }
}

/** A dataset that loads must also check without an exception. */
function loadAndCheck(text: string, file: string): void {
  const d = loadOrRefuse(text, file);
  if (!d) return;
  const profile = findProfile(d.profile ?? 'sichuan');
  if (profile) checkDataset(d, profile);
}

const seeds = [...exampleFiles().map((f) => readFileSync(f, 'utf8')), synthYaml(1, 0), synthYaml(1, 1), synthYaml(2, 5)];

describe('parseDataset under hostile input', () => {
  it('random text, as YAML and as JSON', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (s) => {
        loadOrRefuse(s, 'random.yaml');
        loadOrRefuse(s, 'random.json');
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        loadOrRefuse(JSON.stringify(v), 'value.json');
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('valid datasets damaged by cuts, insertions, duplications and swapped lines', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), textEdits, (text, edits) => {
        loadAndCheck(edits.reduce(applyEdit, text), 'damaged.yaml');
      }),
      { numRuns: 150, seed: SEED },
    );
  });

  it('a valid dataset with one field replaced by any value', () => {
    const raw = synthDataset(3, 0) as Record<string, unknown>;
    const paths: string[][] = [];
    const walk = (v: unknown, path: string[]) => {
      paths.push(path);
      if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(raw, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue({ maxDepth: 2 }), (path, value) => {
        const copy = structuredClone(raw) as Record<string, unknown>;
        let at: Record<string, unknown> = copy;
        for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
        at[path[path.length - 1]!] = value;
        loadAndCheck(JSON.stringify(copy), 'replaced.json');
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('parser bombs are refused: alias expansion, deep nesting, huge numbers, prototype keys', () => {
    const laughs = ['a: &a ["哈","哈","哈","哈","哈","哈","哈","哈","哈","哈"]', ...Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(',')}]`)].join('\n');
    const cases: [string, string][] = [
      ['laughs.yaml', laughs],
      ['deep.yaml', `${'['.repeat(20000)}${']'.repeat(20000)}`],
      ['deep.json', `${'['.repeat(20000)}${']'.repeat(20000)}`],
      ['deepmap.yaml', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')],
      ['long.yaml', `format: juesuan-dataset/1\nyear: ${'9'.repeat(100000)}\n`],
      ['proto.json', '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}'],
      ['proto.yaml', '__proto__: { polluted: 1 }\nformat: juesuan-dataset/1\n'],
    ];
    for (const [file, text] of cases) {
      expect(loadOrRefuse(text, file), file).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });
});
