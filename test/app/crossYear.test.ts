// 上年数 against the unit's saved dataset of the year before (issue 13: cross-year findings).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CROSS_YEAR_RULE, crossYearFindings } from '../../src/app/crossYear.js';
import { priorFrom, reviewForUnit } from '../../src/app/datasets.js';
import { parseDataset, type Dataset } from '../../src/model/index.js';
import { datasetToRaw } from '../../src/model/save.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { COMPLETE_EXAMPLE, loadExample } from '../examples.js';

const json = (d: Dataset) => JSON.parse(JSON.stringify(datasetToRaw(d))) as Record<string, unknown>;
const reparse = (raw: Record<string, unknown>) => parseDataset(JSON.stringify(raw), 'x.json');

/** The example as last year (2023) and this year (2024) with last year's figures as its 上年数. */
function pair(): { last: Dataset; current: Record<string, unknown> } {
  const lastRaw = json(loadExample(COMPLETE_EXAMPLE));
  lastRaw.year = 2023;
  const last = reparse(lastRaw);
  const current = json(loadExample(COMPLETE_EXAMPLE));
  current.prior = priorFrom(last);
  return { last, current };
}

describe('crossYearFindings', () => {
  it('上年数 carried from last year: nothing to say', () => {
    const { last, current } = pair();
    expect(crossYearFindings(reparse(current), last, 3)).toEqual([]);
  });
  it('a 上年数 that differs is a warning at its entry, with both figures', () => {
    const { last, current } = pair();
    const prior = current.prior as Record<string, string | number>;
    prior['total.income'] = '1.00';
    const [f, ...rest] = crossYearFindings(reparse(current), last, 3);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: CROSS_YEAR_RULE, severity: 'warning', location: 'prior.total.income', stated: '1.00', unit: '万元' });
    expect(f!.message).toBe('上年数“收入总计”为1.00万元，与本单位2023年度决算数据（第3版）的5211.66万元不一致'); // the example's 收入总计
  });
  it('a figure last year stated in 元 matches this year’s 万元 rounding of it', () => {
    const { last, current } = pair();
    const lastRaw = json(last);
    (lastRaw.income as Record<string, unknown>).other = '448712.34元';
    const lastExact = reparse(lastRaw);
    const prior = priorFrom(lastExact);
    expect(prior['income.other']).toBe('448712.34元');
    // This year's 上年数 typed as 万元 to two decimals: 44.87 is 448712.34元 rounded, not a difference.
    (current.prior as Record<string, unknown>)['income.other'] = '44.87';
    expect(crossYearFindings(reparse(current), lastExact, 1).filter((f) => f.location === 'prior.income.other')).toEqual([]);
    (current.prior as Record<string, unknown>)['income.other'] = '44.88';
    expect(crossYearFindings(reparse(current), lastExact, 1).map((f) => f.location)).toContain('prior.income.other');
  });
  it('only the year just before counts', () => {
    const { last, current } = pair();
    (current.prior as Record<string, string>)['total.income'] = '1.00';
    const older = reparse({ ...json(last), year: 2022 });
    expect(crossYearFindings(reparse(current), older, 1)).toEqual([]);
  });
});

describe('reviewForUnit reads last year from the store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({});
  });
  afterAll(async () => {
    await store.close();
  });
  it('adds the cross-year warning when the unit has last year saved, and nothing when it has not', async () => {
    const region = await store.addRegion({ code: '510000', name: '四川省', level: '省', parentId: null });
    const org = await store.addOrganisation({ code: 'QJ', name: '清江县疾病预防控制中心', kind: '单位', parentId: null, regionId: region.id });
    const user = await store.addUser({ username: 'f', displayName: '填报人', passwordHash: 'x', role: 'filler', orgId: org.id, regionId: null });
    const { last, current } = pair();
    (current.prior as Record<string, string>)['operating_cost'] = '1.00';
    const before = await reviewForUnit(store, org.id, 2024, current);
    expect(before.findings.filter((f) => f.rule === CROSS_YEAR_RULE)).toEqual([]);
    await store.createDataset({ orgId: org.id, year: 2023, data: json(last), findings: [], userId: user.id });
    const after = await reviewForUnit(store, org.id, 2024, current);
    expect(after.findings.filter((f) => f.rule === CROSS_YEAR_RULE).map((f) => f.location)).toEqual(['prior.operating_cost']);
    expect(after.findings.length).toBe(before.findings.length + 1);
  });
});
