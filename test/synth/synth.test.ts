import { describe, expect, it } from 'vitest';
import { RenderSession, RENDERERS } from '../../src/app/render.js';
import { parseDataset, type Dataset } from '../../src/model/index.js';
import { findProfile } from '../../src/profiles/index.js';
import { checkInputWithReport } from '../../src/check/index.js';
import { hasErrors, RULE_PACK, runRules } from '../../src/rules/index.js';
import { corruptYaml } from '../../src/synth/corrupt.js';
import { synthDataset, synthYaml } from '../../src/synth/index.js';

const SEEDS = Array.from({ length: 30 }, (_, i) => i + 1);
const load = (seed: number, index = 0): Dataset => parseDataset(synthYaml(seed, index), `synth-${seed}.yaml`);
const profileOf = (d: Dataset) => findProfile(d.profile ?? 'sichuan')!;

describe('synthetic datasets', () => {
  it('are the same for the same seed and unit, and differ otherwise', () => {
    expect(synthYaml(42, 3)).toBe(synthYaml(42, 3));
    expect(synthYaml(42, 3)).not.toBe(synthYaml(42, 4));
    expect(synthYaml(42, 3)).not.toBe(synthYaml(43, 3));
  });

  it.each(SEEDS)('seed %i passes its checks with no error-level finding', (seed) => {
    const d = load(seed);
    const report = runRules(RULE_PACK, checkInputWithReport(d, profileOf(d)));
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a unit with no 三公 spending at all checks clean: its table of zeros says why it is empty', () => {
    const d = parseDataset(synthYaml(21, 293), 'no-sangong.yaml');
    expect([d.sangong.actual, d.sangong.budget].flatMap((x) => Object.values(x)).every((a) => a?.fen === 0n)).toBe(true);
    const input = checkInputWithReport(d, profileOf(d));
    expect(runRules(RULE_PACK, input).findings.filter((f) => f.severity === 'error')).toEqual([]);
    const table = input.tree.blocks.find((b) => b.kind === 'table' && b.id === 'sangong-budget-actual');
    expect(table && table.kind === 'table' ? table.note : undefined).toEqual([expect.stringContaining('故本表为空表')]);
  });

  it.each(SEEDS)('seed %i: units 2 to 6 pass their checks too', (seed) => {
    for (let i = 1; i < 6; i++) {
      const d = load(seed, i);
      const errors = runRules(RULE_PACK, checkInputWithReport(d, profileOf(d))).findings.filter((f) => f.severity === 'error');
      expect(errors, `unit ${i + 1}`).toEqual([]);
    }
  });

  it('cover the variety the issue asks for: unit kinds, levels, fund mixes, evaluations, both money units', () => {
    const ds = SEEDS.flatMap((s) => [0, 1, 2].map((i) => synthDataset(s, i)));
    const unit = (d: (typeof ds)[number]) => d.unit as Record<string, unknown>;
    expect(new Set(ds.map((d) => unit(d).kind))).toEqual(new Set(['行政', '参公', '事业']));
    expect(new Set(ds.map((d) => unit(d).level))).toEqual(new Set(['部门', '单位']));
    expect(new Set(ds.map((d) => d.moneyUnit))).toEqual(new Set(['元', '万元']));
    expect(new Set(ds.map((d) => d.profile))).toEqual(new Set(['sichuan', 'national']));
    const income = (d: (typeof ds)[number]) => d.income as Record<string, string>;
    expect(ds.some((d) => income(d).govFund !== undefined)).toBe(true);
    expect(ds.some((d) => income(d).govFund === undefined)).toBe(true);
    expect(ds.some((d) => income(d).business !== undefined)).toBe(true);
    const evaluations = (d: (typeof ds)[number]) => d.evaluations as { kind: string }[];
    expect(ds.some((d) => evaluations(d).some((e) => e.kind === 'department'))).toBe(true);
    expect(ds.some((d) => evaluations(d).some((e) => e.kind === 'project'))).toBe(true);
    expect(ds.some((d) => evaluations(d).length === 0)).toBe(true);
    const codes = new Set(ds.flatMap((d) => (d.expenditure as { code: string }[]).map((l) => l.code.slice(0, 3))));
    expect(codes.size).toBeGreaterThanOrEqual(6);
  });

  it.each(SEEDS)('seed %i renders in every format', async (seed) => {
    const d = load(seed);
    const input = checkInputWithReport(d, profileOf(d));
    const report = runRules(RULE_PACK, input);
    const session = new RenderSession();
    try {
      // PDF drives Chromium (about a second a document): every fifth seed.
      const formats = Object.keys(RENDERERS).filter((f) => f !== 'pdf' || seed % 5 === 0);
      for (const f of formats) {
        const bytes = await RENDERERS[f]!.write({ tree: input.tree, dataset: d, report, session });
        expect(bytes.length, f).toBeGreaterThan(1000);
      }
    } finally {
      await session.close();
    }
  });

  it('corrupted units fail the way they were broken', () => {
    expect(() => parseDataset(corruptYaml(5, 0, 'yaml'), 'a.yaml')).toThrow(/YAML 格式错误/);
    expect(() => parseDataset(corruptYaml(5, 0, 'schema'), 'b.yaml')).toThrow(/year/);
    const d = parseDataset(corruptYaml(5, 0, 'check'), 'c.yaml');
    expect(hasErrors(runRules(RULE_PACK, checkInputWithReport(d, profileOf(d))))).toBe(true);
  });
});
