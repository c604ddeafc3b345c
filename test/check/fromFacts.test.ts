// `check` from facts (src/check/outline.ts) against the check that builds the report tree:
// the same CheckReport — every rule's outcome and paths, every finding in order — for the
// examples (the seeds' datasets and the complete one) under both profiles, 200 synthetic
// units, and 80 synthetic units thinned of random fields so the report has gaps.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleFiles } from '../../src/cli/demo.js';
import { checkDatasetFromFacts, checkDatasetWithReport, reportGaps } from '../../src/check/index.js';
import { computeAccounts, parseDataset, type Dataset } from '../../src/model/index.js';
import { rawToYaml } from '../../src/model/save.js';
import { findProfile, type Profile } from '../../src/profiles/index.js';
import { buildReport } from '../../src/report/build.js';
import { outlineOfTree } from '../../src/rules/kinds/narrative.js';
import { synthDataset, synthYaml } from '../../src/synth/index.js';

const PROFILES = ['sichuan', 'national'].map((id) => findProfile(id)!);
const own = (d: Dataset) => findProfile(d.profile ?? 'sichuan')!;

function expectSame(d: Dataset, profile: Profile) {
  const facts = checkDatasetFromFacts(d, profile).report;
  const tree = checkDatasetWithReport(d, profile).report;
  expect(facts).toEqual(tree);
  return facts;
}

/** Every key path of a raw dataset, depth first. */
function keyPaths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
  return entries.flatMap(([k, x]) => [[...at, k], ...keyPaths(x, [...at, k])]);
}

function without(raw: unknown, path: (string | number)[]): unknown {
  const copy = structuredClone(raw) as Record<string | number, unknown>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (Array.isArray(o)) o.splice(last as number, 1);
  else delete o[last];
  return copy;
}

/**
 * A synthetic unit thinned of `tries` random fields (deterministic), each
 * dropped only if the dataset still parses without it: what a unit that has
 * not filled in everything yet looks like.
 */
function thinned(seed: number, index: number, tries: number): Dataset {
  let raw: unknown = synthDataset(seed, index);
  let s = (index + 1) * 2654435761;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
  let d = parseDataset(rawToYaml(raw as never), 'thin.yaml');
  for (let t = 0; t < tries; t++) {
    const paths = keyPaths(raw);
    const candidate = without(raw, paths[Math.floor(next() * paths.length)]!);
    try {
      d = parseDataset(rawToYaml(candidate as never), 'thin.yaml');
      raw = candidate;
    } catch {
      // required: keep it
    }
  }
  return d;
}

describe('check from facts gives the findings of the check with the report tree', () => {
  it.each(exampleFiles())('%s, under each profile', (file) => {
    const d = parseDataset(readFileSync(file, 'utf8'), file);
    for (const profile of PROFILES) expectSame(d, profile);
  });

  it('200 synthetic units', () => {
    for (let i = 0; i < 200; i++) {
      const d = parseDataset(synthYaml(16, i), `synth-${i}.yaml`);
      expectSame(d, own(d));
    }
  });

  it('synthetic units thinned of random fields: their reports have gaps, found alike', () => {
    let withGaps = 0;
    const kinds = new Set<string>();
    for (let i = 0; i < 80; i++) {
      const d = thinned(17, i, 10);
      const report = expectSame(d, PROFILES[i % 2]!);
      const gaps = report.findings.filter((f) => f.rule === 'ST2-todo');
      if (gaps.length > 0) withGaps++;
      for (const g of gaps) kinds.add(g.location.replace(/\d+/gu, 'N').replace(/（.*）/u, '（code）'));
    }
    // The thinning must exercise the gaps, or the comparison above proves little.
    // 76 of the 80, 54 kinds of gap (staffing, reasons, prior figures, 三公 counts, procurement, evaluations…) when written.
    expect(withGaps).toBeGreaterThan(60);
    expect(kinds.size).toBeGreaterThan(40);
  });

  it('the outline from facts lists the gaps of the tree in its order (before the rule folds repeats)', () => {
    for (const file of exampleFiles()) {
      const d = parseDataset(readFileSync(file, 'utf8'), file);
      for (const profile of PROFILES) {
        const a = computeAccounts(d);
        expect(reportGaps(d, a, profile)).toEqual(outlineOfTree(buildReport(d, profile, { accounts: a })).gaps);
      }
    }
  });
});
