/**
 * The dataset reader's fast YAML path (js-yaml, src/model/load.ts `readFastYaml`) must read every text it
 * accepts exactly as the yaml library does (failsafe schema, unique keys), and leave every text the yaml
 * library refuses to it (so the Chinese message stays the same).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { MAX_SLOW_YAML_KEYS, parseDataset, readFastYaml } from '../../src/model/load.js';
import { rawToYaml } from '../../src/model/save.js';
import { synthYaml } from '../../src/synth/index.js';

const full = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: parseYaml(text, { schema: 'failsafe', uniqueKeys: true, logLevel: 'error', maxAliasCount: 100 }) };
  } catch {
    return { ok: false };
  }
};

/** The fast path either declines (undefined) or gives what the yaml library gives. */
const agree = (text: string): 'fast' | 'declined' => {
  const fast = readFastYaml(text);
  if (fast === undefined) return 'declined';
  const slow = full(text);
  expect(slow.ok, `the yaml library refuses what the fast path read: ${JSON.stringify(text.slice(0, 200))}`).toBe(true);
  if (slow.ok) expect(fast.value).toEqual(slow.value);
  return 'fast';
};

const examples = readdirSync('examples').filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join('examples', f), 'utf8'));

describe('the fast YAML path', () => {
  it('reads the examples and generated datasets as the yaml library does, and takes them', () => {
    const texts = [...examples, ...Array.from({ length: 40 }, (_, i) => synthYaml(11, i))];
    for (const t of texts) expect(agree(t)).toBe('fast');
  });

  it('declines what it could read otherwise: complex keys, aliased collections, tags js-yaml does not know', () => {
    for (const t of ['[a]: 1', '? a\n: 1', '{a: 1}: 2', 'a: &x [1]\nb: *x', 'a: !foo 1', 'a: !!binary x', 'a: 1\na: 2', 'a: 1\n---\nb: 2']) {
      expect(agree(t)).toBe('declined');
    }
    // Empty values are '' (not null), an empty document null, as the yaml library reads them.
    expect(readFastYaml('a:\nb:\n  - x\n  - { d: "" }\n')?.value).toEqual({ a: '', b: ['x', { d: '' }] });
    expect(readFastYaml('# only a comment\n')).toEqual({ value: null });
    // A billion-laughs text goes to the yaml library, which refuses it (its alias limit).
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [*${'abcdefgh'[i]}, *${'abcdefgh'[i]}, *${'abcdefgh'[i]}]`)].join('\n');
    expect(readFastYaml(bomb)).toBeUndefined();
    expect(() => parseDataset(bomb, 'bomb.yaml')).toThrow(/别名/);
  });

  it('refuses, quickly and in Chinese, a text outside the subset with more keys than any dataset', () => {
    // Tabs keep it from js-yaml; the yaml library would check 40,000 keys against each other (~7 s).
    const many = Array.from({ length: MAX_SLOW_YAML_KEYS + 10_000 }, (_, i) => `k${i}:\ty`).join('\n');
    expect(() => parseDataset(many, 'many.yaml')).toThrow(`超过 ${MAX_SLOW_YAML_KEYS} 个`);
  });

  const text = fc.string({ unit: fc.constantFrom('a', '中', ' ', ':', '-', '#', '"', "'", '\\', '\n', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '?', '%', '@', '`', '\t', '0', '1', '.', '~', 'é', '😀'), maxLength: 30 });
  // Mostly what datasets hold: words, figures, codes, multi-line paragraphs.
  const words = fc.string({ unit: fc.constantFrom('a', '中', '文', ' ', '0', '5', '.', '-', '，', '（', '）', '%', '\n'), maxLength: 40 });
  const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, text, words, words, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(text, tie('node'), { maxKeys: 4 })),
  })).node;

  it('agrees on generated documents written in every style (property)', () => {
    fc.assert(
      fc.property(value, fc.constantFrom('yaml', 'yaml-flow', 'yaml-quoted', 'js-yaml', 'js-yaml-flow'), (v, style) => {
        const t =
          style === 'yaml' ? stringify(v)
          : style === 'yaml-flow' ? stringify(v, { collectionStyle: 'flow' })
          : style === 'yaml-quoted' ? stringify(v, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' })
          : style === 'js-yaml' ? dump(v)
          : dump(v, { flowLevel: 0 });
        agree(t);
      }),
      { numRuns: Number(process.env.YAML_RUNS ?? 1500) },
    );
  });

  it('takes much of what our own writer (rawToYaml) writes, and agrees on it (property)', () => {
    let fast = 0;
    let runs = 0;
    const raw = fc.dictionary(text.filter((k) => k.trim() !== ''), value, { minKeys: 1, maxKeys: 6 });
    fc.assert(
      fc.property(raw, (r) => {
        runs++;
        if (agree(rawToYaml(r as never)) === 'fast') fast++;
      }),
      { numRuns: Number(process.env.YAML_RUNS ?? 1500) },
    );
    // Punctuation-heavy strings fall back often (about three in four); a fifth taken is enough to test the agreement on.
    expect(fast / runs).toBeGreaterThan(0.2);
  });

  it('agrees on an example with YAML punctuation put anywhere (property)', () => {
    const base = examples[0]!.slice(0, 3000);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: base.length }), text), { minLength: 1, maxLength: 3 }), (edits) => {
        let t = base;
        for (const [at, s] of edits) t = t.slice(0, at % (t.length + 1)) + s + t.slice(at % (t.length + 1));
        agree(t);
      }),
      { numRuns: Number(process.env.YAML_RUNS ?? 1500) },
    );
  });
});
