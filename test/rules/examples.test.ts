import { describe, expect, it } from 'vitest';
import type { Amount } from '../../src/money/index.js';
import type { Dataset } from '../../src/model/index.js';
import { PROFILES } from '../../src/profiles/index.js';
import { checkDataset } from '../../src/app/check.js';
import { RULE_PACK } from '../../src/rules/index.js';
import { COMPLETE_EXAMPLE, EXAMPLES, loadExample } from '../examples.js';

const profileOf = (d: Dataset) => PROFILES[d.profile ?? 'sichuan']!;

describe('the examples check as they should', () => {
  for (const name of EXAMPLES) {
    it(`${name}: its only errors are the gaps the seed report leaves (a draft until they are filled)`, () => {
      const d = loadExample(name);
      const r = checkDataset(d, profileOf(d));
      expect(r.findings.filter((f) => f.severity === 'error' && f.rule !== 'ST2-todo')).toEqual([]);
      expect(r.summary.pass).toBeGreaterThan(15);
    });
  }
  it(`${COMPLETE_EXAMPLE} has no error-level finding (it renders final)`, () => {
    const d = loadExample(COMPLETE_EXAMPLE);
    const r = checkDataset(d, profileOf(d));
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.summary.pass).toBeGreaterThan(15);
  });
});

/** Every Amount in a dataset with its path (the paths facts use). */
function amounts(value: unknown, path = ''): { path: string; amount: Amount }[] {
  if (value && typeof value === 'object') {
    if ('fen' in value && 'precision' in value && typeof (value as Amount).fen === 'bigint') return [{ path, amount: value as Amount }];
    if (Array.isArray(value)) return value.flatMap((v, i) => amounts(v, `${path}[${i}]`));
    return Object.entries(value).flatMap(([k, v]) => amounts(v, path ? `${path}.${k}` : k));
  }
  return [];
}

function mutate(d: Dataset, path: string, delta: bigint): Dataset {
  const copy = structuredClone(d);
  const target = amounts(copy).find((a) => a.path === path)!;
  target.amount.fen += delta;
  return copy;
}

describe('mutation: every figure that takes part in an identity is caught when changed', () => {
  const IDENTITY_KINDS = new Set(RULE_PACK.rules.filter((r) => r.kind === 'identity' || r.kind === 'rollup').map((r) => r.id));
  for (const name of EXAMPLES) {
    for (const [label, delta] of [['+0.01万元', 10_000n], ['+100万元', 100_000_000n]] as const) {
      it(`${name}, each money figure ${label}`, () => {
        const d = loadExample(name);
        const clean = checkDataset(d, profileOf(d));
        const before = new Set(clean.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}|${f.location}`));
        const inIdentity = new Set(
          clean.results.filter((r) => IDENTITY_KINDS.has(r.rule) && r.outcome === 'pass').flatMap((r) => r.paths ?? []),
        );
        const figures = amounts(d);
        const caught: string[] = [];
        const missed: string[] = [];
        for (const { path } of figures) {
          const r = checkDataset(mutate(d, path, delta), profileOf(d));
          // Errors the unchanged example already has (its gaps) do not count as catching the change.
          const errors = r.findings.filter((f) => f.severity === 'error' && !before.has(`${f.rule}|${f.location}`));
          (errors.length > 0 ? caught : missed).push(path);
          if (errors.length > 0 && inIdentity.has(path)) {
            // the finding points at the changed field or names it among the related ones
            expect(errors.some((f) => f.location === path || f.related?.includes(path)), `${path}: ${JSON.stringify(errors)}`).toBe(true);
          }
        }
        const participatingMissed = missed.filter((p) => inIdentity.has(p));
        console.log(`${name} ${label}: caught ${caught.length}/${figures.length} (${((100 * caught.length) / figures.length).toFixed(1)}%); in an identity: ${inIdentity.size}, missed of those: ${participatingMissed.length}; not in any identity and not caught: ${missed.join(', ') || '—'}`);
        expect(participatingMissed).toEqual([]);
        expect(inIdentity.size).toBeGreaterThan(5);
      });
    }
  }
});
