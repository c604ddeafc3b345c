// Open data (/api/public/…): only the figures of current published editions, whatever state the units are in;
// exact decimal strings; JSON and CSV; CORS and cache headers; 400 in Chinese for bad parameters; on both engines.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Status } from '../../src/api/contract.js';
import { factsOfDataset, type PublicFact, type PublicReport } from '../../src/app/opendata.js';
import { parseDataset } from '../../src/model/index.js';
import { exactDecimal } from '../../src/money/index.js';
import { dimsKey, type NewBundleFile, type Store } from '../../src/store/index.js';
import { startWorker } from '../../src/worker/index.js';
import { COMPLETE_EXAMPLE } from '../examples.js';
import { createServer } from '../../src/server/index.js';
import { ENGINES, exampleJson, makeWorld, type World } from './helpers.js';

const file = (text: string): NewBundleFile => {
  const data = new TextEncoder().encode(text);
  return { name: '2024年度部门决算公开.html', mediaType: 'text/html; charset=utf-8', bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex'), data };
};

/** Publishes the dataset's latest version as the publish job does: files, facts and the step to 已公开 in one transaction. */
export async function publishNow(store: Store, datasetId: number, userId: number, correctionNote: string | null = null) {
  const d = (await store.getDataset(datasetId))!;
  const v = (await store.getVersion(datasetId, d.version))!;
  const facts = factsOfDataset(parseDataset(JSON.stringify(v.data), 'dataset.json'));
  const bundle = await store.addBundle({
    datasetId, datasetVersion: d.version, userId, correctionNote, files: [file(`<p>${datasetId}-${d.version}</p>`)], facts,
    publish: { from: ['finance_approved'], to: 'published', action: 'publish', userId, comment: correctionNote },
  });
  return { bundle, facts };
}

/** Moves a dataset along the workflow (the store's step, as the routes take it). */
export async function step(store: Store, datasetId: number, to: Status, userId: number): Promise<void> {
  const d = (await store.getDataset(datasetId))!;
  const action = ({ submitted: 'submit', unit_approved: 'unit_approve', returned: 'unit_return', finance_approved: 'finance_approve', draft: 'reopen', published: 'publish' } as const)[to];
  await store.transition(datasetId, { from: [d.status], to, action, userId, comment: to === 'returned' ? '请修改' : null });
}

const factKey = (f: { concept: string; factYear?: number; year?: number; scenario: string; dims?: Record<string, string>; dimensions?: Record<string, string> }) =>
  `${f.concept}|${f.factYear ?? f.year}|${f.scenario}|${dimsKey(f.dims ?? f.dimensions ?? {})}`;

/** A minimal CSV reader (quoted fields, CRLF) for checking the exports. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\r') continue;
    else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else field += ch;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

describe.each(ENGINES)('open data on %s', (engine) => {
  let world: World;
  let finance: number;
  let filler: number;

  beforeAll(async () => {
    world = await makeWorld(engine);
    finance = (await world.store.getUserByName('qingjiang-cz'))!.id;
    filler = (await world.store.getUserByName('qingjiang-tb'))!.id;
  });
  afterAll(async () => world?.close());

  const anon = () => world.client();
  const facts = async (query: string) => {
    const res = await anon().get(`/api/public/facts?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PublicFact[]>();
  };
  const reports = async (query: string) => (await anon().get(`/api/public/reports?${query}`)).json<PublicReport[]>();
  const regionCsv = async (code: string, year: number) => {
    const res = await anon().get(`/api/public/regions/${code}/${year}.csv`);
    expect(res.statusCode, res.body).toBe(200);
    return parseCsv(res.body.replace(/^\uFEFF/, ''));
  };
  /** Nothing of unit A is visible anywhere in the open data. */
  const nothingOfA = async () => {
    expect(await facts('unit=qingjiang-cdc')).toEqual([]);
    expect(await facts('region=510000&year=2024')).toEqual([]);
    expect(await reports('')).toEqual([]);
    expect(await regionCsv('510000', 2024)).toHaveLength(1); // the header only
  };

  it('no figure is visible while the unit is a draft, submitted, unit-approved, returned or finance-approved but unpublished', async () => {
    const A = world.datasetA;
    expect((await world.store.getDataset(A))!.status).toBe('draft');
    await nothingOfA();
    for (const to of ['submitted', 'returned', 'submitted', 'unit_approved', 'finance_approved'] as const) {
      await step(world.store, A, to, to === 'submitted' ? filler : finance);
      expect((await world.store.getDataset(A))!.status).toBe(to);
      await nothingOfA();
    }
    // A publication that fails (the step refused) leaves nothing either.
    await step(world.store, A, 'returned', finance).catch(() => {});
    await expect(publishNow(world.store, A, finance)).rejects.toThrow();
    await nothingOfA();
  });

  it('once published, every figure of the report is there, exact, in 万元 as decimal strings, from its bundle', async () => {
    const A = world.datasetA;
    const d = (await world.store.getDataset(A))!;
    if (d.status === 'returned') {
      await step(world.store, A, 'submitted', filler);
      await step(world.store, A, 'unit_approved', finance);
      await step(world.store, A, 'finance_approved', finance);
    }
    const { bundle, facts: expected } = await publishNow(world.store, A, finance);
    const got = await facts('unit=qingjiang-cdc');
    expect(got).toHaveLength(expected.length);
    const byKey = new Map(got.map((f) => [factKey(f), f]));
    for (const e of expected) {
      const f = byKey.get(factKey(e))!;
      expect(f, factKey(e)).toBeDefined();
      expect(f.value).toBe(e.unit === '万元' ? exactDecimal(e.value, '万元') : e.value.toString());
      expect(f.moneyUnit).toBe(e.unit === '万元' ? '万元' : null);
      expect(f).toMatchObject({ unit: '清江县疾病预防控制中心', unitCode: 'qingjiang-cdc', region: '清江县', regionCode: '510699', year: 2024, sourceBundle: bundle.id, edition: 1 });
    }
    const opCost = got.find((f) => f.concept === 'operating_cost' && f.factYear === 2024)!;
    expect(opCost).toMatchObject({ label: '机关运行经费', value: '382.13', moneyUnit: '万元', factYear: 2024, scenario: 'actual' });
    // Filters: concept list, year, region (with its sub-regions), a region without the unit.
    expect([...new Set((await facts('unit=qingjiang-cdc&concept=operating_cost,income.total')).map((f) => f.concept))].sort()).toEqual(['income.total', 'operating_cost']);
    expect(await facts('region=510000&year=2024')).toHaveLength(expected.length);
    expect(await facts('region=510600')).toHaveLength(expected.length);
    expect(await facts('region=510800')).toEqual([]);
    expect(await facts('unit=qingjiang-cdc&year=2023')).toEqual([]);
    // The region CSV: a header and one line per figure, the same values.
    const csv = await regionCsv('510000', 2024);
    expect(csv[0]).toEqual(['unit', 'unitCode', 'region', 'regionCode', 'year', 'factYear', 'scenario', 'concept', 'label', 'dimensions', 'value', 'moneyUnit', 'countUnit', 'derived', 'sourceBundle', 'edition']);
    expect(csv).toHaveLength(expected.length + 1);
    const opLine = csv.find((r) => r[7] === 'operating_cost' && r[5] === '2024')!;
    expect(opLine.slice(0, 5)).toEqual(['清江县疾病预防控制中心', 'qingjiang-cdc', '清江县', '510699', '2024']);
    expect(opLine[10]).toBe('382.13');
    const line = csv.find((r) => r[9]!.includes('functional='))!;
    expect(line[9]).toMatch(/^functional=\d{3,7};fund=/);
    // format=csv of the facts route: the same lines.
    const res = await anon().get('/api/public/facts?unit=qingjiang-cdc&format=csv');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(parseCsv(res.body.replace(/^\uFEFF/, ''))).toEqual(csv);
    // The report list: its files with SHA-256.
    const list = await reports('region=510699');
    expect(list).toEqual([expect.objectContaining({ id: bundle.id, unitCode: 'qingjiang-cdc', year: 2024, edition: 1, superseded: false, supersededBy: null, files: bundle.files })]);
    expect(list[0]!.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    // B and the third unit, never published, have no figure anywhere.
    expect(await facts('unit=zhaohua-zfw')).toEqual([]);
    expect(await facts('unit=miyi-zfw')).toEqual([]);
  });

  it('a reopened report keeps its published figures while its draft changes; the correction replaces them', async () => {
    const A = world.datasetA;
    await step(world.store, A, 'draft', finance);
    const v = (await world.store.getVersion(A, (await world.store.getDataset(A))!.version))!;
    const data = { ...v.data, operatingCost: '400.00' };
    await world.store.saveVersion(A, { baseVersion: v.version, data, findings: [], userId: filler });
    const op = async () => (await facts('unit=qingjiang-cdc&concept=operating_cost')).filter((f) => f.factYear === 2024).map((f) => [f.value, f.edition]);
    for (const to of ['draft', 'submitted', 'unit_approved', 'finance_approved'] as const) {
      if (to !== 'draft') await step(world.store, A, to, to === 'submitted' ? filler : finance);
      expect(await op()).toEqual([['382.13', 1]]);
    }
    const { bundle } = await publishNow(world.store, A, finance, '更正机关运行经费');
    expect(await op()).toEqual([['400.00', 2]]);
    const all = await facts('unit=qingjiang-cdc');
    expect(all.every((f) => f.edition === 2 && f.sourceBundle === bundle.id)).toBe(true);
    const list = await reports('unit=qingjiang-cdc');
    expect(list.map((r) => [r.edition, r.superseded, r.supersededBy, r.correctionNote])).toEqual([[1, true, bundle.id, null], [2, false, null, '更正机关运行经费']]);
  });

  it('the real publish job stores the report’s facts with its bundle; a publication the review refuses stores none', async () => {
    const region = (await world.store.listRegions()).find((r) => r.code === '510699')!;
    const run = async (code: string, change: (d: Record<string, unknown>) => void) => {
      const org = await world.store.addOrganisation({ code, name: `${code}单位`, kind: '单位', parentId: null, regionId: region.id });
      const data = exampleJson(COMPLETE_EXAMPLE);
      change(data);
      const d = await world.store.createDataset({ orgId: org.id, year: 2024, data, findings: [], userId: filler });
      for (const to of ['submitted', 'unit_approved', 'finance_approved'] as const) await step(world.store, d.id, to, finance);
      await world.store.enqueueJob({ kind: 'publish', payload: { datasetId: d.id, version: 1, userId: finance, correctionNote: null }, requestedBy: finance });
      const w = startWorker(world.store, { autostart: false });
      await w.drain();
      await w.stop();
      return { d, data };
    };
    const { d, data } = await run('e2e-ok', () => {});
    expect((await world.store.getDataset(d.id))!.status).toBe('published');
    const [bundle] = await world.store.listBundles({ datasetId: d.id });
    const expected = factsOfDataset(parseDataset(JSON.stringify(data), 'dataset.json'));
    const got = await facts('unit=e2e-ok');
    expect(got.map((f) => `${factKey(f)}=${f.value}`).sort()).toEqual(
      expected.map((e) => `${factKey(e)}=${e.unit === '万元' ? exactDecimal(e.value, '万元') : e.value.toString()}`).sort(),
    );
    expect(got.every((f) => f.sourceBundle === bundle!.id)).toBe(true);
    // 事业收入 changed alone: an error-level finding; the job fails, the unit stays approved, no figure appears.
    const refused = await run('e2e-refused', (x) => { (x.income as Record<string, unknown>).business = '1.00'; });
    expect((await world.store.getDataset(refused.d.id))!.status).toBe('finance_approved');
    expect(await facts('unit=e2e-refused')).toEqual([]);
  }, 120_000);

  it('the region CSV and the facts are read page by page (keyset), the whole of them still delivered', async () => {
    const pages: number[] = [];
    const paged = { ...world.store, streamFacts: async function* (filter: Parameters<Store['streamFacts']>[0]) {
      let n = 0;
      for await (const f of world.store.streamFacts(filter, 5)) {
        if (n++ % 5 === 0) pages.push(f.id);
        yield f;
      }
    } } satisfies Store;
    const app = await createServer({ store: paged });
    try {
      const whole = await anon().get('/api/public/regions/510000/2024.csv');
      const inPages = await app.inject({ method: 'GET', url: '/api/public/regions/510000/2024.csv' });
      expect(inPages.body).toBe(whole.body);
      const lines = parseCsv(whole.body.replace(/^\uFEFF/, '')).length - 1;
      expect(lines).toBeGreaterThan(100);
      expect(pages.length).toBe(Math.ceil(lines / 5));
      expect((await app.inject({ method: 'GET', url: '/api/public/facts?region=510000' })).body).toBe((await anon().get('/api/public/facts?region=510000')).body);
    } finally {
      await app.close();
    }
  });

  it('is open: no login, CORS for any origin, cacheable; documented in OpenAPI', async () => {
    for (const url of ['/api/public/facts?unit=qingjiang-cdc', '/api/public/regions/510000/2024.csv', '/api/public/reports']) {
      const res = await anon().get(url);
      expect([url, res.statusCode]).toEqual([url, 200]);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['cache-control']).toBe('public, max-age=300');
    }
    expect((await anon().request('POST', '/api/public/facts', {})).statusCode).toBe(404);
    const docs = (await anon().get('/api/docs/json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/api/public/facts', '/api/public/regions/{code}/{year}.csv', '/api/public/reports']));
  });

  it('bad parameters are a 400 with a Chinese message (and not cached)', async () => {
    const cases: [string, RegExp][] = [
      ['/api/public/facts', /请至少指定地区/],
      ['/api/public/facts?year=abc', /查询参数不正确：year 应为整数/],
      ['/api/public/facts?year=1800', /year 应不小于2000/],
      ['/api/public/facts?region=999999', /没有代码为“999999”的地区/],
      ['/api/public/facts?unit=nope', /没有代码为“nope”的单位/],
      ['/api/public/facts?region=510000&concept=income.total,nope', /不认识的指标：nope/],
      ['/api/public/facts?region=510000&format=pdf', /format 应为以下之一/],
      ['/api/public/regions/510000/20x4.csv', /路径参数不正确/],
      ['/api/public/regions/999999/2024.csv', /没有代码为“999999”的地区/],
      ['/api/public/reports?year=x', /year 应为整数/],
    ];
    for (const [url, message] of cases) {
      const res = await anon().get(url);
      expect([url, res.statusCode]).toEqual([url, 400]);
      expect(res.json().message).toMatch(message);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });
});
