/** Published facts: stored with their bundle in one transaction, exact, paged by keyset, current editions only; on both engines. */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { factsOfDataset } from '../../src/app/opendata.js';
import { concept, parseDataset, type Dataset } from '../../src/model/index.js';
import type { Db } from '../../src/store/db.js';
import { dimsKey, StateConflict, type NewBundleFile, type NewFact, type PublishedFact, type Store } from '../../src/store/index.js';
import { synthYaml } from '../../src/synth/index.js';
import { engines, setupOnce } from './engines.js';
import { dataset, seed, unique, type Seed } from './seed.js';

const file = (name: string, text: string): NewBundleFile => {
  const data = new TextEncoder().encode(text);
  return { name, mediaType: 'text/html', bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex'), data };
};
const synth = (i: number): Dataset => parseDataset(synthYaml(7, i), `synth-${i}.yaml`);
/** What a stored fact holds of the fact given to addBundle. */
const own = (f: PublishedFact): NewFact => ({
  concept: f.concept, year: f.year, scenario: f.scenario, dims: f.dims, value: f.value, precision: f.precision, unit: f.unit, derived: f.derived, source: f.source,
});
const key = (f: NewFact) => `${f.concept}|${f.year}|${f.scenario}|${dimsKey(f.dims)}|${f.source}`;
const sortFacts = (fs: NewFact[]) => [...fs].sort((a, b) => key(a).localeCompare(key(b)) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));

describe.each(engines())('$name: published facts', (engine) => {
  let store: Store;
  let db: Db;
  let s: Seed;
  const count = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM published_facts'))[0]!.n;

  setupOnce(async () => {
    ({ store, db } = await engine.openWithDb());
    s = await seed(store);
  });
  afterAll(() => engine.cleanup());

  it('every fact a dataset flattens to has a concept of the vocabulary, and money facts are in 万元', () => {
    const facts = factsOfDataset(synth(0));
    expect(facts.length).toBeGreaterThan(50);
    for (const f of facts) {
      const c = concept(f.concept);
      expect(c, f.concept).toBeDefined();
      expect(f.unit === '万元').toBe(c!.kind === 'money');
    }
  });

  it('stores a bundle’s facts exactly (bigint 分, dims, precision, source) in the bundle’s transaction', async () => {
    const ds = synth(1);
    const facts = factsOfDataset(ds);
    const d = await store.createDataset({ orgId: s.org.id, year: ds.year, data: dataset(ds.year, '1.00'), findings: [], userId: s.filler.id });
    const b = await store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [file('r.html', '<p>1</p>')], facts });
    const stored = await store.listFacts({ orgIds: [s.org.id], year: ds.year }, { limit: 10_000 });
    expect(stored).toHaveLength(facts.length);
    expect(sortFacts(stored.map(own))).toEqual(sortFacts(facts));
    for (const f of stored) {
      expect(f).toMatchObject({ bundleId: b.id, datasetId: d.id, orgId: s.org.id, orgCode: s.org.code, regionId: s.region.id, regionCode: s.region.code, reportYear: ds.year, edition: 1, supersededBy: null });
    }
    // A value beyond 2^53 stays exact.
    const d2 = await store.createDataset({ orgId: s.org.id, year: ds.year + 1, data: dataset(ds.year + 1, '1.00'), findings: [], userId: s.filler.id });
    const huge = 9_007_199_254_740_993_123n;
    await store.addBundle({
      datasetId: d2.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [file('r.html', '<p>2</p>')],
      facts: [{ concept: 'income.total', year: ds.year + 1, scenario: 'actual', dims: {}, value: huge, precision: 1n, unit: '万元', derived: true, source: 'Σ' }],
    });
    expect((await store.listFacts({ orgIds: [s.org.id], year: ds.year + 1 })).map((f) => f.value)).toEqual([huge]);
    // Filters: concepts, regions.
    const incomes = await store.listFacts({ orgIds: [s.org.id], year: ds.year, concepts: ['income.total'] });
    expect(incomes.map(own)).toEqual(facts.filter((f) => f.concept === 'income.total'));
    expect(await store.listFacts({ regionIds: [999_999] })).toEqual([]);
  });

  it('a bundle that is not written leaves no facts, and facts that cannot be written leave no bundle', async () => {
    const ds = synth(2);
    const org = await store.addOrganisation({ code: unique('O'), name: '某某局', kind: '单位', parentId: null, regionId: s.region.id });
    const d = await store.createDataset({ orgId: org.id, year: ds.year, data: dataset(ds.year, '1.00'), findings: [], userId: s.filler.id });
    const before = await count();
    // A draft cannot be published: the step fails, nothing is written.
    await expect(store.addBundle({
      datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [file('r.html', 'x')], facts: factsOfDataset(ds),
      publish: { from: ['finance_approved'], to: 'published', action: 'publish', userId: s.reviewer.id },
    })).rejects.toBeInstanceOf(StateConflict);
    expect(await count()).toBe(before);
    // A fact the table refuses (precision 0): the bundle is not stored either.
    const bad = { ...factsOfDataset(ds)[0]!, precision: 0n };
    await expect(store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [file('r.html', 'x')], facts: [bad] })).rejects.toThrow();
    expect(await store.listBundles({ datasetId: d.id })).toEqual([]);
    expect(await count()).toBe(before);
  });

  it('only the current edition’s facts are the published figures; a superseded edition’s stay, marked', async () => {
    const ds = synth(3);
    const org = await store.addOrganisation({ code: unique('O'), name: '更正局', kind: '单位', parentId: null, regionId: s.region.id });
    const d = await store.createDataset({ orgId: org.id, year: ds.year, data: dataset(ds.year, '1.00'), findings: [], userId: s.filler.id });
    const first = factsOfDataset(ds);
    const b1 = await store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: null, files: [file('r.html', '1')], facts: first });
    const second = first.map((f) => (f.concept === 'operating_cost' ? { ...f, value: f.value + 1n } : f));
    const b2 = await store.addBundle({ datasetId: d.id, datasetVersion: 1, userId: s.reviewer.id, correctionNote: '更正机关运行经费', files: [file('r.html', '2')], facts: second });
    const current = await store.listFacts({ orgIds: [org.id] }, { limit: 10_000 });
    expect(new Set(current.map((f) => f.bundleId))).toEqual(new Set([b2.id]));
    expect(current.every((f) => f.edition === 2 && f.supersededBy === null)).toBe(true);
    expect(sortFacts(current.map(own))).toEqual(sortFacts(second));
    const all = await store.listFacts({ orgIds: [org.id], includeSuperseded: true }, { limit: 10_000 });
    expect(all).toHaveLength(first.length + second.length);
    expect(all.filter((f) => f.bundleId === b1.id).every((f) => f.supersededBy === b2.id && f.edition === 1)).toBe(true);
  });

  it('streams every fact page by page in id order, the same as one list', async () => {
    const all = await store.listFacts({ regionIds: [s.region.id] }, { limit: 10_000 });
    expect(all.length).toBeGreaterThan(100);
    const streamed: number[] = [];
    for await (const f of store.streamFacts({ regionIds: [s.region.id] }, 37)) streamed.push(f.id);
    expect(streamed).toEqual(all.map((f) => f.id));
    expect([...streamed].sort((a, b) => a - b)).toEqual(streamed);
    const page2 = await store.listFacts({ regionIds: [s.region.id] }, { afterId: all[36]!.id, limit: 37 });
    expect(page2.map((f) => f.id)).toEqual(all.slice(37, 74).map((f) => f.id));
  });

  it('published facts are append-only in the database itself', async () => {
    await expect(db.query('UPDATE published_facts SET value = value + 1')).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM published_facts')).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE published_facts')).rejects.toThrow(/append-only/);
  });
});
