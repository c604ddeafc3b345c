/**
 * What migration 005 keeps at publication, on both engines: the 汇总's lines per region and year (region_sums),
 * exact and equal to the sums of the current editions' facts through publications, a correction (the superseded
 * edition's figures leave) and a refused publication (nothing changes); the same as the migration's backfill would
 * compute; and the unit page's figures stored with their bundle (published_figures), immutable.
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { DatasetJson, Region } from '../../src/api/contract.js';
import { factsOfDataset } from '../../src/app/opendata.js';
import { parseDataset } from '../../src/model/index.js';
import { datasetToRaw } from '../../src/model/save.js';
import type { Db } from '../../src/store/db.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { BASIC_KINDS, EXPENSE_KINDS, SUMMED_CONCEPTS, SUMMED_TOTALS } from '../../src/store/summed.js';
import { StateConflict, type FactSums, type NewBundleFile, type NewFact, type Store } from '../../src/store/index.js';
import { synthYaml } from '../../src/synth/index.js';
import { engines, setupOnce } from './engines.js';
import { seed, unique, type Seed } from './seed.js';

const YEAR = 2031;
const file = (text: string): NewBundleFile => {
  const data = new TextEncoder().encode(text);
  return { name: 'r.html', mediaType: 'text/html', bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex'), data };
};
const synthRaw = (i: number): DatasetJson => {
  const raw = JSON.parse(JSON.stringify(datasetToRaw(parseDataset(synthYaml(31, i), `synth-${i}.yaml`)))) as DatasetJson;
  raw.year = YEAR;
  return raw;
};
const factsOf = (raw: DatasetJson): NewFact[] => factsOfDataset(parseDataset(JSON.stringify(raw), 'x.json'));

type Line = { value: bigint; units: number };
/** The 汇总's lines, summed here from each current edition's facts (not through the store). */
function expected(editions: NewFact[][]) {
  const totals = new Map<string, Line>();
  const functional = new Map<string, Line>();
  const economic = new Map<string, Line>();
  const add = (m: Map<string, Line>, k: string, v: bigint, seen: Set<string>) => {
    const l = m.get(k) ?? { value: 0n, units: 0 };
    l.value += v;
    if (!seen.has(k)) l.units++;
    seen.add(k);
    m.set(k, l);
  };
  let units = 0;
  for (const facts of editions) {
    const seenT = new Set<string>();
    const seenF = new Set<string>();
    const seenE = new Set<string>();
    const mine = facts.filter((f) => f.year === YEAR && f.scenario === 'actual');
    if (mine.some((f) => SUMMED_CONCEPTS.includes(f.concept))) units++;
    for (const f of mine) {
      if (Object.keys(f.dims).length === 0 && SUMMED_TOTALS.includes(f.concept)) add(totals, f.concept, f.value, seenT);
      if (!f.derived && f.dims.functional && (EXPENSE_KINDS as readonly string[]).includes(f.concept)) {
        for (const n of [3, 5, 7]) if (f.dims.functional.length >= n) add(functional, f.dims.functional.slice(0, n), f.value, seenF);
      }
      if (!f.derived && f.dims.economic && (BASIC_KINDS as readonly string[]).includes(f.concept)) {
        add(economic, f.dims.economic, f.value, seenE);
        add(economic, `#${f.concept}`, f.value, seenE);
      }
    }
  }
  return { units, totals, functional, economic };
}
const asMap = (list: FactSums['totals']) => new Map(list.map((s) => [s.key, { value: s.value, units: s.units }]));

/** The backfill of migration 005 (its SELECT), run over the store as it is now. */
function backfillSelect(): string {
  const sql = MIGRATIONS.find((m) => m.version === 5)!.sql;
  const start = sql.indexOf('SELECT', sql.indexOf('INSERT INTO region_sums'));
  return sql.slice(start, sql.indexOf(';', start));
}

describe.each(engines())('$name: per region-year 汇总 lines and unit-page figures kept at publication', (engine) => {
  let store: Store;
  let db: Db;
  let s: Seed;
  let countyA: Region;
  let countyB: Region;

  setupOnce(async () => {
    ({ store, db } = await engine.openWithDb());
    s = await seed(store);
    countyA = await store.addRegion({ code: unique('A'), name: '甲县', level: '县', parentId: s.region.id });
    countyB = await store.addRegion({ code: unique('B'), name: '乙县', level: '县', parentId: s.region.id });
  });
  afterAll(() => engine.cleanup());

  const kept = () => db.query<{ region_id: number; grp: string; key: string; value: string; units: number }>(
    `SELECT region_id, grp, key, value::text AS value, units FROM region_sums WHERE year = ${YEAR} AND units > 0 ORDER BY region_id, grp, key`,
  );
  const backfilled = () => db.query<{ region_id: number; grp: string; key: string; value: string; units: number }>(
    `SELECT region_id, grp, key, value::text AS value, units::integer AS units FROM (${backfillSelect()}) AS x
      WHERE year = ${YEAR} ORDER BY region_id, grp, key`,
  );
  async function unit(region: Region) {
    return store.addOrganisation({ code: unique('U'), name: '某某中心', kind: '单位', parentId: null, regionId: region.id });
  }
  async function publish(orgId: number, raw: DatasetJson, datasetId?: number) {
    const id = datasetId ?? (await store.createDataset({ orgId, year: YEAR, data: raw, findings: [], userId: s.filler.id })).id;
    const bundle = await store.addBundle({
      datasetId: id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: datasetId ? '更正' : null, files: [file(String(Math.random()))], facts: factsOf(raw),
    });
    return { datasetId: id, bundle };
  }
  async function expectSums(regionIds: number[] | undefined, editions: DatasetJson[], orgIds: number[]) {
    const got = await store.sumFacts({ ...(regionIds ? { regionIds } : {}), year: YEAR });
    const want = expected(editions.map(factsOf));
    expect(got.units).toBe(want.units);
    expect(got.orgIds).toEqual([...orgIds].sort((a, b) => a - b));
    expect(asMap(got.totals)).toEqual(want.totals);
    expect(asMap(got.functional)).toEqual(want.functional);
    expect(asMap(got.economic)).toEqual(want.economic);
    // And the lines kept are what the migration's backfill computes from the bundles' sums.
    expect(await kept()).toEqual(await backfilled());
  }

  it('adds each publication’s lines to its region-year, exactly; a correction takes the superseded edition’s out', async () => {
    const [a1, a2, b1] = [await unit(countyA), await unit(countyA), await unit(countyB)];
    const [r1, r2, r3, r4] = [synthRaw(0), synthRaw(1), synthRaw(2), synthRaw(3)];
    const first = await publish(a1.id, r1);
    await expectSums([countyA.id], [r1], [a1.id]);
    await publish(a2.id, r2);
    await publish(b1.id, r3);
    await expectSums([countyA.id], [r1, r2], [a1.id, a2.id]);
    await expectSums([countyB.id], [r3], [b1.id]);
    await expectSums([s.region.id, countyA.id, countyB.id], [r1, r2, r3], [a1.id, a2.id, b1.id]);
    await expectSums(undefined, [r1, r2, r3], [a1.id, a2.id, b1.id]);

    // A correction of a1: edition 2 with other figures replaces edition 1's in the sums, in its transaction.
    await publish(a1.id, r4, first.datasetId);
    await expectSums([countyA.id], [r4, r2], [a1.id, a2.id]);
    await expectSums(undefined, [r4, r2, r3], [a1.id, a2.id, b1.id]);
    // And a correction back to the first figures gives the first sums again.
    await publish(a1.id, r1, first.datasetId);
    await expectSums([countyA.id], [r1, r2], [a1.id, a2.id]);
    // A line no current edition has any more stays with 0 units and is not read.
    const zero = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM region_sums WHERE units = 0 AND value <> 0`);
    expect(zero[0]!.n).toBe(0);
  });

  it('a bundle without facts adds nothing; a refused publication changes nothing', async () => {
    const before = await kept();
    const c = await unit(countyB);
    const d = await store.createDataset({ orgId: c.id, year: YEAR, data: synthRaw(4), findings: [], userId: s.filler.id });
    await store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [file('none')] });
    expect(await kept()).toEqual(before);
    const c2 = await unit(countyB);
    const d2 = await store.createDataset({ orgId: c2.id, year: YEAR, data: synthRaw(5), findings: [], userId: s.filler.id });
    await expect(store.addBundle({
      datasetId: d2.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [file('x')], facts: factsOf(synthRaw(5)),
      figures: { measures: { a: 1 }, details: { b: 2 } },
      publish: { from: ['finance_approved'], to: 'published', action: 'publish', userId: s.reviewer.id },
    })).rejects.toBeInstanceOf(StateConflict);
    expect(await kept()).toEqual(before);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM published_figures WHERE measures = \'{"a": 1}\'::jsonb'))[0]!.n).toBe(0);
  });

  it('keeps the unit page’s figures with their bundle: measures alone or with details, immutable; none when not given', async () => {
    const o = await unit(countyA);
    const raw = synthRaw(6);
    const d = await store.createDataset({ orgId: o.id, year: YEAR, data: raw, findings: [], userId: s.filler.id });
    const figures = { measures: { format: 'f/1', values: { income: '12345', staff: null } }, details: { format: 'f/1', evaluations: [{ name: '甲' }] } };
    const b = await store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [file('f')], facts: factsOf(raw), figures });
    const without = await publish((await unit(countyA)).id, synthRaw(7));
    const measures = await store.bundleFigures([b.id, without.bundle.id]);
    expect([...measures.keys()]).toEqual([b.id]);
    expect(measures.get(b.id)).toEqual({ measures: figures.measures });
    expect((await store.bundleFigures([b.id], { details: true })).get(b.id)).toEqual(figures);
    expect((await store.bundleFigures([])).size).toBe(0);
    await expect(db.query(`UPDATE published_figures SET measures = '{}'::jsonb WHERE bundle_id = ${b.id}`)).rejects.toThrow();
    await expect(db.query(`DELETE FROM published_figures WHERE bundle_id = ${b.id}`)).rejects.toThrow();
  });
});
