/** Datasets, versions, the workflow and comments, on both engines. */
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { Duplicate, NotFound, StateConflict, VersionConflict, type Store } from '../../src/store/index.js';
import { engines, onServer, setupOnce } from './engines.js';
import { dataset, finding, seed, type Seed } from './seed.js';

describe.each(engines())('$name: datasets, versions, workflow', (engine) => {
  let store: Store;
  let db: Db;
  let s: Seed;
  let year = 2000;
  /** A new dataset for this test's unit (each test takes its own year). */
  const fresh = () => store.createDataset({ orgId: s.org.id, year: ++year, data: dataset(year, '100.00'), findings: [], userId: s.filler.id });

  setupOnce(async () => {
    ({ store, db } = await engine.openWithDb());
    s = await seed(store);
  });
  afterAll(() => engine.cleanup());

  it('creates a dataset with version 1, its findings and a create event', async () => {
    const data = { ...dataset(2024, '1234.56'), 说明: '含中文键与值', nested: { list: [1, '2', null, true] } };
    const d = await store.createDataset({ orgId: s.org.id, year: 2024, data, findings: [finding('R1')], userId: s.filler.id, note: '新建' });
    expect(d).toMatchObject({ orgId: s.org.id, year: 2024, status: 'draft', version: 1, explanations: {} });
    expect(d.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(d.updatedAt).toBe(d.createdAt);
    const v1 = await store.getVersion(d.id, 1);
    expect(v1).toEqual({
      datasetId: d.id, version: 1, data, findings: [finding('R1')], savedBy: s.filler.id, savedByName: '张填报',
      savedAt: d.createdAt, note: '新建',
    });
    const events = await store.listEvents(d.id);
    expect(events).toEqual([{ id: events[0]!.id, at: d.createdAt, actor: '张填报', action: 'create', from: null, to: 'draft', version: 1, comment: null }]);
    expect(await store.getDataset(d.id)).toEqual(d);
    expect(await store.findDataset(s.org.id, 2024)).toEqual(d);
    expect(await store.findDataset(s.org.id, 1999)).toBeNull();
    expect(await store.getDataset(999_999)).toBeNull();
  });

  it('gives a saved dataset back with its keys in the order they were written', async () => {
    const d = await fresh();
    const data = { zeta: '1', alpha: { 支出: '2', b: '3', a: [{ y: 1, x: 2 }] }, mid: null };
    const v2 = await store.saveVersion(d.id, { baseVersion: 1, data, findings: [finding('R2')], userId: s.filler.id });
    expect(JSON.stringify(v2.data)).toBe(JSON.stringify(data));
    expect(JSON.stringify((await store.getVersion(d.id, 2))!.data)).toBe(JSON.stringify(data));
    expect(JSON.stringify((await store.getVersion(d.id, 2))!.findings)).toBe(JSON.stringify([finding('R2')]));
  });

  it("records an import as an 'import' event", async () => {
    const d = await store.createDataset({ orgId: s.org.id, year: 2023, data: dataset(2023, '1.00'), findings: [], userId: s.filler.id, action: 'import' });
    expect((await store.listEvents(d.id)).map((e) => e.action)).toEqual(['import']);
  });

  it('refuses a second dataset for the same unit and year as Duplicate 该单位该年度的数据, writing nothing', async () => {
    const d = await fresh();
    const before = await store.listDatasets({ orgIds: [s.org.id] });
    const e = await store.createDataset({ orgId: s.org.id, year: d.year, data: dataset(d.year, '9.00'), findings: [], userId: s.filler.id })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Duplicate);
    expect((e as Duplicate).what).toBe('该单位该年度的数据');
    expect(await store.listDatasets({ orgIds: [s.org.id] })).toEqual(before);
    expect(await store.getVersion(d.id, 1)).toMatchObject({ data: dataset(d.year, '100.00') });
  });

  it('lists datasets by unit, year and status', async () => {
    const other = await seed(store);
    const a = await fresh();
    const b = await store.createDataset({ orgId: other.org.id, year: a.year, data: dataset(a.year, '5.00'), findings: [], userId: other.filler.id });
    const c = await fresh();
    expect(await store.listDatasets({ orgIds: [s.org.id, other.org.id], year: a.year })).toEqual([a, b]);
    expect(await store.listDatasets({ orgIds: [other.org.id] })).toEqual([b]);
    expect(await store.listDatasets({ orgIds: [] })).toEqual([]);
    const submitted = await store.transition(c.id, { from: ['draft'], to: 'submitted', action: 'submit', userId: s.filler.id });
    expect(await store.listDatasets({ orgIds: [s.org.id], status: 'submitted' })).toEqual([submitted]);
    expect((await store.listDatasets({ year: a.year })).map((d) => d.id)).toEqual([a.id, b.id]);
    expect((await store.listDatasets({})).map((d) => d.id)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
  });

  it('saves versions 2 and 3 and lists them without their data', async () => {
    const d = await fresh();
    const v2 = await store.saveVersion(d.id, { baseVersion: 1, data: dataset(d.year, '200.00'), findings: [finding('A')], userId: s.filler.id });
    const v3 = await store.saveVersion(d.id, { baseVersion: 2, data: dataset(d.year, '300.00'), findings: [], userId: s.filler.id, note: '改正收入' });
    expect(v2).toMatchObject({ datasetId: d.id, version: 2, data: dataset(d.year, '200.00'), findings: [finding('A')], note: null, savedByName: '张填报' });
    expect(v3).toMatchObject({ version: 3, note: '改正收入' });
    expect(await store.getVersion(d.id, 2)).toEqual(v2);
    expect(await store.getVersion(d.id, 4)).toBeNull();
    const after = await store.getDataset(d.id);
    expect(after).toMatchObject({ version: 3, status: 'draft', createdAt: d.createdAt });
    expect(after!.updatedAt >= d.updatedAt).toBe(true);
    const list = await store.listVersions(d.id);
    expect(list.map((v) => v.version)).toEqual([1, 2, 3]);
    expect(list[1]).toEqual({ datasetId: d.id, version: 2, findings: [finding('A')], savedBy: s.filler.id, savedByName: '张填报', savedAt: v2.savedAt, note: null });
    expect(list.some((v) => 'data' in v)).toBe(false);
  });

  it('refuses a stale base with VersionConflict carrying the current version, leaving the dataset untouched', async () => {
    const d = await fresh();
    const v2 = await store.saveVersion(d.id, { baseVersion: 1, data: dataset(d.year, '200.00'), findings: [], userId: s.filler.id });
    const before = await store.getDataset(d.id);
    const e = await store.saveVersion(d.id, { baseVersion: 1, data: dataset(d.year, '999.00'), findings: [], userId: s.reviewer.id })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(VersionConflict);
    expect((e as VersionConflict).current).toEqual(v2);
    expect((e as VersionConflict).message).toBe('版本冲突：数据已被他人更新');
    expect(await store.getDataset(d.id)).toEqual(before);
    expect(await store.getVersion(d.id, 3)).toBeNull();
    expect((await store.listVersions(d.id)).map((v) => v.version)).toEqual([1, 2]);
    // A base from the future is as stale as one from the past.
    await expect(store.saveVersion(d.id, { baseVersion: 5, data: {}, findings: [], userId: s.filler.id })).rejects.toBeInstanceOf(VersionConflict);
  });

  it('says NotFound for a dataset that does not exist', async () => {
    await expect(store.saveVersion(999_999, { baseVersion: 1, data: {}, findings: [], userId: s.filler.id })).rejects.toBeInstanceOf(NotFound);
    await expect(store.transition(999_999, { from: ['draft'], to: 'submitted', action: 'submit', userId: s.filler.id })).rejects.toBeInstanceOf(NotFound);
  });

  it('lets exactly one of two concurrent saves on the same base win', async () => {
    const d = await fresh();
    const save = (target: Store, total: string) => target.saveVersion(d.id, { baseVersion: 1, data: dataset(d.year, total), findings: [], userId: s.filler.id });
    let results: PromiseSettledResult<unknown>[];
    if (engine.name === 'postgres') {
      // Real concurrency: two pools (as two server processes would have), both
      // saves queued behind a row lock held by a third connection, then released together.
      const second = await engine.open();
      results = await onServer(async (c) => {
        await c.query('BEGIN');
        await c.query(`SELECT 1 FROM ${engine.options.schema}.datasets WHERE id = $1 FOR UPDATE`, [d.id]);
        const holder = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        const racing = Promise.allSettled([save(store, '201.00'), save(second, '202.00')]);
        for (let i = 0; ; i++) {
          // The first waiter blocks on the holder, the second on the first (the row's lock queue).
          const r = await onServer((w) => w.query<{ n: number }>(
            `WITH RECURSIVE waiting(pid) AS (
               SELECT pid FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))
               UNION
               SELECT a.pid FROM pg_stat_activity a JOIN waiting ON waiting.pid = ANY (pg_blocking_pids(a.pid))
             ) SELECT count(*)::int AS n FROM waiting`, [holder]));
          if (r.rows[0]!.n === 2) break;
          if (i > 200) throw new Error('the two saves never both waited on the row lock');
          await new Promise((res) => setTimeout(res, 25));
        }
        await c.query('COMMIT');
        return racing;
      });
    } else {
      results = await Promise.allSettled([save(store, '201.00'), save(store, '202.00')]);
    }
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(VersionConflict);
    const winner = (won[0] as PromiseFulfilledResult<{ data: unknown }>).value;
    expect((lost[0]!.reason as VersionConflict).current).toEqual(winner);
    expect((await store.listVersions(d.id)).map((v) => v.version)).toEqual([1, 2]);
    expect((await store.getDataset(d.id))!.version).toBe(2);
  });

  it('moves through the workflow, appending one event per transition', async () => {
    const d = await fresh();
    await store.saveVersion(d.id, { baseVersion: 1, data: dataset(d.year, '150.00'), findings: [], userId: s.filler.id });
    const explanations = { 'change.expenditure@expenditure.total': '新增基建项目' };
    const submitted = await store.transition(d.id, { from: ['draft', 'returned'], to: 'submitted', action: 'submit', userId: s.filler.id, explanations });
    expect(submitted).toMatchObject({ id: d.id, status: 'submitted', version: 2, explanations });
    const returned = await store.transition(d.id, { from: ['submitted'], to: 'returned', action: 'unit_return', userId: s.reviewer.id, comment: '请补充说明' });
    // Explanations not given are kept.
    expect(returned).toMatchObject({ status: 'returned', explanations });
    const again = await store.transition(d.id, { from: ['draft', 'returned'], to: 'submitted', action: 'submit', userId: s.filler.id, explanations: {} });
    expect(again.explanations).toEqual({});
    expect(await store.getDataset(d.id)).toEqual(again);
    const events = await store.listEvents(d.id);
    expect(events.map((e) => [e.action, e.from, e.to, e.version, e.actor, e.comment])).toEqual([
      ['create', null, 'draft', 1, '张填报', null],
      ['submit', 'draft', 'submitted', 2, '张填报', null],
      ['unit_return', 'submitted', 'returned', 2, '李审核', '请补充说明'],
      ['submit', 'returned', 'submitted', 2, '张填报', null],
    ]);
  });

  it('refuses a transition from the wrong state with StateConflict naming the current state, writing nothing', async () => {
    const d = await fresh();
    const before = await store.getDataset(d.id);
    const e = await store.transition(d.id, { from: ['submitted'], to: 'unit_approved', action: 'unit_approve', userId: s.reviewer.id, explanations: { a: 'b' } })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StateConflict);
    expect((e as StateConflict).current).toBe('draft');
    expect(await store.getDataset(d.id)).toEqual(before);
    expect(await store.listEvents(d.id)).toHaveLength(1);
  });

  it('adds comments on a path and lists them with their author', async () => {
    const d = await fresh();
    const c1 = await store.addComment(d.id, { path: 'income.total', body: '收入合计与明细不符', userId: s.reviewer.id, version: 1 });
    const c2 = await store.addComment(d.id, { path: '', body: '整体格式请按模板', userId: s.reviewer.id, version: 1 });
    expect(c1).toEqual({ id: c1.id, path: 'income.total', body: '收入合计与明细不符', author: '李审核', at: c1.at, version: 1, resolved: false });
    expect(await store.listComments(d.id)).toEqual([c1, c2]);
    expect(await store.listComments(999_999)).toEqual([]);
    await expect(store.addComment(d.id, { path: '', body: '', userId: s.reviewer.id, version: 1 })).rejects.toThrow();
    await expect(store.addComment(d.id, { path: '', body: '无此版本', userId: s.reviewer.id, version: 9 })).rejects.toThrow();
  });

  it('refuses UPDATE and DELETE of workflow events and saved versions in the database itself', async () => {
    const d = await fresh();
    const [event] = await store.listEvents(d.id);
    await expect(db.query('UPDATE workflow_events SET comment = $2 WHERE id = $1', [event!.id, '篡改'])).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM workflow_events WHERE id = $1', [event!.id])).rejects.toThrow(/append-only/);
    await expect(db.query('TRUNCATE workflow_events CASCADE')).rejects.toThrow(/append-only/);
    await expect(db.query('UPDATE dataset_versions SET note = $3 WHERE dataset_id = $1 AND version = $2', [d.id, 1, 'x'])).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM dataset_versions WHERE dataset_id = $1', [d.id])).rejects.toThrow(/append-only/);
    expect(await store.listEvents(d.id)).toEqual([event]);
    expect((await store.getVersion(d.id, 1))!.note).toBeNull();
  });
});
