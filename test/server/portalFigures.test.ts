/**
 * The unit page's figures kept at publication (portalFiguresOf, migration 005) give the same page data as reading
 * each edition's open-data file: measures, 绩效自评 rows and cross-year differences; a correction's figures replace
 * the superseded edition's. On both engines.
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { priorFrom } from '../../src/app/datasets.js';
import { factsOfDataset } from '../../src/app/opendata.js';
import { portalFiguresOf, unitHistory, unitsOfYear } from '../../src/app/portal.js';
import { parseDataset, type Dataset } from '../../src/model/index.js';
import { datasetToRaw } from '../../src/model/save.js';
import { renderJson } from '../../src/render/json/index.js';
import type { Store } from '../../src/store/index.js';
import { engines, setupOnce } from '../store/engines.js';
import { seed, unique, type Seed } from '../store/seed.js';
import { COMPLETE_EXAMPLE, loadExample } from '../examples.js';

type Raw = Record<string, unknown>;
/** The dataset's own 本年收入合计 (undimensioned 决算数 of its year). */
const income = (d: Dataset) => factsOfDataset(d).find((f) => f.concept === 'income.total' && f.year === d.year && f.scenario === 'actual' && Object.keys(f.dims).length === 0)!.value;
const rawOf = (d: Dataset) => JSON.parse(JSON.stringify(datasetToRaw(d))) as Raw;
const parse = (raw: Raw) => parseDataset(JSON.stringify(raw), 'x.json');
const file = (name: string, text: string) => {
  const data = new TextEncoder().encode(text);
  return { name, mediaType: name.endsWith('.json') ? 'application/json' : 'text/html', bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex'), data };
};

/** 2023 and 2024 of the complete example; 2024's 上年数 carried from 2023, two of them typed differently. */
function years(): { y2023: Dataset; y2024: Dataset } {
  const last = rawOf(loadExample(COMPLETE_EXAMPLE));
  last.year = 2023;
  const y2023 = parse(last);
  const current = rawOf(loadExample(COMPLETE_EXAMPLE));
  const prior = priorFrom(y2023);
  prior['total.income'] = '1.00';
  prior['income.other'] = '99.99';
  current.prior = prior;
  return { y2023, y2024: parse(current) };
}

describe.each(engines())('$name: the unit page from figures kept at publication', (engine) => {
  let store: Store;
  let s: Seed;
  setupOnce(async () => {
    store = await engine.open();
    s = await seed(store);
  });
  afterAll(() => engine.cleanup());

  /** A unit publishing these datasets, each with its open-data file, and (withFigures) its figures kept. */
  async function unitWith(datasets: Dataset[], withFigures: boolean) {
    const org = await store.addOrganisation({ code: unique('U'), name: '清江县疾病预防控制中心', kind: '单位', parentId: null, regionId: s.region.id });
    const ids = new Map<number, number>();
    for (const d of datasets) {
      const datasetId = ids.get(d.year) ?? (await store.createDataset({ orgId: org.id, year: d.year, data: rawOf(d) as never, findings: [], userId: s.filler.id })).id;
      await store.addBundle({
        datasetId, datasetVersion: 1, userId: s.reviewer.id, correctionNote: ids.has(d.year) ? '更正' : null,
        files: [file(`${d.year}.json`, renderJson(d, [])), file(`${d.year}.html`, '<p>报告</p>')],
        facts: factsOfDataset(d), ...(withFigures ? { figures: portalFiguresOf(d) } : {}),
      });
      ids.set(d.year, datasetId);
    }
    return org.code;
  }
  const pageData = async (code: string) => {
    const u = await unitHistory(store, code);
    return { years: u.years.map((y) => ({ year: y.report.year, edition: y.report.bundle.edition, values: y.values })), differences: u.differences, evaluations: u.evaluations };
  };

  it('measures, evaluations and cross-year differences equal those read from the open-data files', async () => {
    const { y2023, y2024 } = years();
    const kept = await pageData(await unitWith([y2023, y2024], true));
    const read = await pageData(await unitWith([y2023, y2024], false));
    expect(kept).toEqual(read);
    // Not vacuous: figures stated, both differences found, the example's evaluations there.
    expect(kept.years.map((y) => y.year)).toEqual([2023, 2024]);
    expect(kept.years[1]!.values.get('income')).toBe(income(y2024));
    expect(kept.years[1]!.values.get('staff')).toBeGreaterThan(0n);
    expect(kept.differences.map((d) => [d.year, d.location, d.stated])).toEqual([[2024, 'prior.income.other', '99.99'], [2024, 'prior.total.income', '1.00']]);
    expect(kept.evaluations.length).toBe(2 * y2024.evaluations.length);
    expect(kept.evaluations.length).toBeGreaterThan(0);
    // A unit with kept figures for one year and an old edition (no figures) for the other: the same again.
    const mixedCode = unique('M');
    const org = await store.addOrganisation({ code: mixedCode, name: '混合单位', kind: '单位', parentId: null, regionId: s.region.id });
    for (const [d, withFigures] of [[y2023, false], [y2024, true]] as const) {
      const ds = await store.createDataset({ orgId: org.id, year: d.year, data: rawOf(d) as never, findings: [], userId: s.filler.id });
      await store.addBundle({
        datasetId: ds.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [file(`${d.year}.json`, renderJson(d, []))],
        facts: factsOfDataset(d), ...(withFigures ? { figures: portalFiguresOf(d) } : {}),
      });
    }
    const mixed = await pageData(mixedCode);
    // The kept figures are what is read: an edition with figures and no open-data file still shows them.
    const noFile = await store.addOrganisation({ code: unique('N'), name: '无数据文件', kind: '单位', parentId: null, regionId: s.region.id });
    const nd = await store.createDataset({ orgId: noFile.id, year: 2024, data: rawOf(y2024) as never, findings: [], userId: s.filler.id });
    await store.addBundle({ datasetId: nd.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [file('2024.html', '<p>报告</p>')], figures: portalFiguresOf(y2024) });
    const alone = await pageData(noFile.code);
    expect(alone.years[0]!.values).toEqual(kept.years[1]!.values);
    expect(alone.evaluations).toEqual(kept.evaluations.filter((e) => e.year === 2024));
    expect(mixed.differences).toEqual(kept.differences);
    expect(mixed.years.map((y) => y.values)).toEqual(kept.years.map((y) => y.values));
  });

  it('a correction’s figures replace the superseded edition’s: measures, differences and the compare page', async () => {
    const { y2023, y2024 } = years();
    // 2023 corrected so that 2024's 收入总计 上年数 is no longer the only one off: its income.other now agrees.
    const fixed = rawOf(y2023);
    (fixed.income as Raw).other = '99.99';
    const corrected = parse(fixed);
    const code = await unitWith([y2023, y2024, corrected], true);
    const u = await pageData(code);
    expect(u.years.map((y) => [y.year, y.edition])).toEqual([[2023, 2], [2024, 1]]);
    expect(u.differences.map((d) => d.location)).toEqual(['prior.total.income']);
    expect(u.years[0]!.values.get('income')).toBe(income(corrected));
    const [cmp] = await unitsOfYear(store, [code], 2023);
    expect(cmp!.year!.values).toEqual(u.years[0]!.values);
  });
});
