// No figure of a report that is not published is ever visible publicly: one case per workflow state (草稿, 已提交,
// 退回, 单位审核通过, 财政审核通过), each checking every public route — the open-data API and the portal's pages — for
// the unit's name and its figures; then, published, the same routes show them (so the checks are not vacuous).
// On both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Status } from '../../src/api/contract.js';
import { factsOfDataset } from '../../src/app/opendata.js';
import { parseDataset } from '../../src/model/index.js';
import { exactDecimal } from '../../src/money/index.js';
import { ENGINES, makeWorld, type World } from './helpers.js';
import { createHash } from 'node:crypto';
import { renderJson } from '../../src/render/json/index.js';
import type { NewBundleFile, Store } from '../../src/store/index.js';

/** Publishes the dataset's latest version as the publish job stores it: its open-data JSON file, its facts and the step to 已公开, in one transaction. */
async function publishNow(store: Store, datasetId: number, userId: number): Promise<void> {
  const d = (await store.getDataset(datasetId))!;
  const v = (await store.getVersion(datasetId, d.version))!;
  const dataset = parseDataset(JSON.stringify(v.data), 'dataset.json');
  const data = new TextEncoder().encode(renderJson(dataset, []));
  const file: NewBundleFile = { name: '2024年度部门决算公开.json', mediaType: 'application/json', bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex'), data };
  await store.addBundle({
    datasetId, datasetVersion: d.version, userId, correctionNote: null, files: [file], facts: factsOfDataset(dataset),
    publish: { from: ['finance_approved'], to: 'published', action: 'publish', userId, comment: null },
  });
}

const UNIT = '清江县疾病预防控制中心';

/** Every public GET route, with the unit (qingjiang-cdc, 清江县 510699, 2024) asked for where a route takes one. */
const PUBLIC_URLS = [
  '/api/public/facts?unit=qingjiang-cdc',
  '/api/public/facts?region=510000&year=2024&format=csv',
  '/api/public/regions/510699/2024.csv',
  '/api/public/regions/510000/2024.csv',
  '/api/public/reports',
  '/api/public/reports?unit=qingjiang-cdc',
  '/gongkai',
  '/gongkai?q=疾病预防&year=2024',
  '/gongkai/units/qingjiang-cdc',
  '/gongkai/compare?units=qingjiang-cdc,zhaohua-zfw&year=2024',
  '/gongkai/regions/510699/measure?m=income&year=2024',
  '/gongkai/regions/510000/measure?m=operating_cost&year=2024',
];

describe.each(ENGINES)('nothing unpublished is public, state by state, on %s', (engine) => {
  let world: World;
  let filler: number;
  let reviewer: number;
  let finance: number;
  /** Unit A's income and expense totals as the open data would write them. */
  let figures: string[];

  beforeAll(async () => {
    world = await makeWorld(engine);
    filler = (await world.store.getUserByName('qingjiang-tb'))!.id;
    reviewer = (await world.store.getUserByName('qingjiang-sh'))!.id;
    finance = (await world.store.getUserByName('qingjiang-cz'))!.id;
    const v = (await world.store.getVersion(world.datasetA, 1))!;
    const facts = factsOfDataset(parseDataset(JSON.stringify(v.data), 'dataset.json'));
    figures = ['income.total', 'expense.total', 'expense.basic']
      .map((c) => facts.find((f) => f.concept === c && f.year === 2024 && f.scenario === 'actual' && Object.keys(f.dims).length === 0)!)
      .map((f) => exactDecimal(f.value, '万元'));
  });
  afterAll(async () => world?.close());

  /** Each public route answers (200 or a Chinese 404 page) without the unit's name or figures. */
  async function nothingVisible(state: Status) {
    expect((await world.store.getDataset(world.datasetA))!.status).toBe(state);
    for (const url of PUBLIC_URLS) {
      const res = await world.client().get(url);
      expect([url, [200, 404].includes(res.statusCode)]).toEqual([url, true]);
      expect(res.body, `${state} ${url}`).not.toContain(UNIT);
      expect(res.body, `${state} ${url}`).not.toContain('qingjiang-cdc"');
      for (const f of figures) expect(res.body, `${state} ${url} ${f}`).not.toContain(f);
    }
    const facts = (await world.client().get('/api/public/facts?region=510000')).json<unknown[]>();
    expect(facts).toEqual([]);
  }

  const step = async (action: 'submit' | 'unit_approve' | 'unit_return' | 'finance_approve', to: Status, from: Status, userId: number) =>
    world.store.transition(world.datasetA, { from: [from], to, action, userId, comment: action === 'unit_return' ? '请修改' : null });

  it('草稿 (draft)', async () => {
    await nothingVisible('draft');
  });

  it('已提交 (submitted)', async () => {
    await step('submit', 'submitted', 'draft', filler);
    await nothingVisible('submitted');
  });

  it('退回 (returned)', async () => {
    await step('unit_return', 'returned', 'submitted', reviewer);
    await nothingVisible('returned');
  });

  it('单位审核通过 (unit_approved)', async () => {
    await step('submit', 'submitted', 'returned', filler);
    await step('unit_approve', 'unit_approved', 'submitted', reviewer);
    await nothingVisible('unit_approved');
  });

  it('财政审核通过 but not published (finance_approved)', async () => {
    await step('finance_approve', 'finance_approved', 'unit_approved', finance);
    await nothingVisible('finance_approved');
  });

  it('已公开 (published): now the same routes show the unit and its figures', async () => {
    await publishNow(world.store, world.datasetA, finance);
    const body = async (url: string) => (await world.client().get(url)).body;
    expect(await body('/gongkai')).toContain(UNIT);
    const unitPage = await body('/gongkai/units/qingjiang-cdc');
    for (const f of figures) expect(unitPage).toContain(f);
    const csv = await body('/api/public/regions/510699/2024.csv');
    for (const f of figures) expect(csv).toContain(f);
    expect((await world.client().get('/api/public/reports?unit=qingjiang-cdc')).json<unknown[]>()).toHaveLength(1);
  });
});
