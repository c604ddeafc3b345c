// The job worker on both engines: render and publish jobs, failures in
// Chinese, and workers in separate processes sharing one PostgreSQL queue.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetJson } from '../../src/api/contract.js';
import type { Dataset } from '../../src/model/index.js';
import { datasetToRaw } from '../../src/model/save.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { startWorker } from '../../src/worker/index.js';
import { COMPLETE_EXAMPLE, loadExample } from '../examples.js';
import { PG_URL, dropSchema } from '../store/engines.js';

const run = promisify(execFile);
const ENGINES = ['pglite', 'postgres'] as const;

const toJson = (d: Dataset) => JSON.parse(JSON.stringify(datasetToRaw(d))) as DatasetJson;

async function open(engine: (typeof ENGINES)[number], schema: string): Promise<Store> {
  return engine === 'pglite' ? openStore({}) : openStore({ databaseUrl: PG_URL, schema });
}

/** A unit with its users and one dataset in the given state. */
async function setUp(store: Store, data: DatasetJson, year: number) {
  const province = await store.addRegion({ code: `51${year}`, name: '四川省', level: '省', parentId: null });
  const org = await store.addOrganisation({ code: `ORG${year}`, name: '清江市疾病预防控制中心', kind: '单位', parentId: null, regionId: province.id });
  const filler = await store.addUser({ username: `f${year}`, displayName: '填报人', passwordHash: 'x', role: 'filler', orgId: org.id, regionId: null });
  const finance = await store.addUser({ username: `c${year}`, displayName: '财政审核人', passwordHash: 'x', role: 'finance_reviewer', orgId: null, regionId: province.id });
  const ds = await store.createDataset({ orgId: org.id, year, data, findings: [], userId: filler.id });
  return { org, filler, finance, ds };
}

async function approve(store: Store, datasetId: number, fillerId: number, financeId: number) {
  await store.transition(datasetId, { from: ['draft'], to: 'submitted', action: 'submit', userId: fillerId });
  await store.transition(datasetId, { from: ['submitted'], to: 'unit_approved', action: 'unit_approve', userId: fillerId });
  await store.transition(datasetId, { from: ['unit_approved'], to: 'finance_approved', action: 'finance_approve', userId: financeId });
}

describe.each(ENGINES)('worker on %s', (engine) => {
  const schema = `t_worker_${randomBytes(4).toString('hex')}`;
  let store: Store;
  beforeAll(async () => {
    store = await open(engine, schema);
  });
  afterAll(async () => {
    await store.close();
    if (engine === 'postgres') {
      await dropSchema(schema);
    }
  });

  it('a render job stores the file with its hash and reports progress to done', async () => {
    const { ds, filler } = await setUp(store, toJson(loadExample(COMPLETE_EXAMPLE)), 2024);
    const job = await store.enqueueJob({ kind: 'render', payload: { datasetId: ds.id, version: 1, format: 'html' }, requestedBy: filler.id });
    const w = startWorker(store, { autostart: false });
    expect(await w.drain()).toBe(1);
    await w.stop();
    const done = await store.getJob(job.id);
    expect(done?.status).toBe('done');
    expect(done?.progress).toBeGreaterThanOrEqual(95);
    const files = (done?.result as { files: { name: string; sha256: string }[] }).files;
    expect(files.map((f) => f.name)).toEqual(['2024年度单位决算公开.html']);
    const file = await store.getJobFile(job.id, files[0]!.name);
    expect(file).not.toBeNull();
    expect(createHash('sha256').update(file!.data).digest('hex')).toBe(files[0]!.sha256);
    expect(new TextDecoder().decode(file!.data)).toContain('清江县疾病预防控制中心');
  });

  it('an unknown format fails the job with a Chinese message', async () => {
    const job = await store.enqueueJob({ kind: 'render', payload: { datasetId: 1, version: 1, format: 'exe' }, requestedBy: null });
    const w = startWorker(store, { autostart: false });
    await w.drain();
    await w.stop();
    expect(await store.getJob(job.id)).toMatchObject({ status: 'failed', error: '不支持的格式：exe（可用：html、pdf、docx、xlsx）' });
  });

  it('publish: the final bundle is stored with SHA-256 and the dataset is 已公开; a correction supersedes it', async () => {
    const { ds, filler, finance } = await setUp(store, toJson(loadExample(COMPLETE_EXAMPLE)), 2023);
    await approve(store, ds.id, filler.id, finance.id);
    const job = await store.enqueueJob({ kind: 'publish', payload: { datasetId: ds.id, version: 1, userId: finance.id, correctionNote: null }, requestedBy: finance.id });
    const w = startWorker(store, { autostart: false });
    await w.drain();
    const done = await store.getJob(job.id);
    expect(done?.error ?? null).toBeNull();
    expect(done?.status).toBe('done');
    expect((await store.getDataset(ds.id))?.status).toBe('published');
    const [bundle] = await store.listBundles({ datasetId: ds.id });
    expect(bundle?.edition).toBe(1);
    expect(bundle?.files.map((f) => f.name.split('.').pop()).sort()).toEqual(['docx', 'html', 'json', 'pdf', 'xlsx']);
    for (const f of bundle!.files) {
      const stored = await store.getBundleFile(bundle!.id, f.name);
      expect(createHash('sha256').update(stored!.data).digest('hex')).toBe(f.sha256);
      expect(stored!.data.byteLength).toBe(f.bytes);
    }
    const events = await store.listEvents(ds.id);
    expect(events.at(-1)).toMatchObject({ action: 'publish', from: 'finance_approved', to: 'published' });

    // A correction: reopened, approved again, published with its 更正说明; the first edition stays, superseded.
    await store.transition(ds.id, { from: ['published'], to: 'draft', action: 'reopen', userId: finance.id, comment: '更正' });
    await approve(store, ds.id, filler.id, finance.id);
    const noNote = await store.enqueueJob({ kind: 'publish', payload: { datasetId: ds.id, version: 1, userId: finance.id, correctionNote: '' }, requestedBy: finance.id });
    await w.drain();
    expect(await store.getJob(noNote.id)).toMatchObject({ status: 'failed', error: '更正后重新公开须填写更正说明' });
    expect((await store.getDataset(ds.id))?.status).toBe('finance_approved');
    const second = await store.enqueueJob({ kind: 'publish', payload: { datasetId: ds.id, version: 1, userId: finance.id, correctionNote: '更正了第三部分的文字' }, requestedBy: finance.id });
    await w.drain();
    await w.stop();
    expect((await store.getJob(second.id))?.status).toBe('done');
    const bundles = await store.listBundles({ datasetId: ds.id });
    expect(bundles.map((b) => [b.edition, b.correctionNote])).toEqual(expect.arrayContaining([[1, null], [2, '更正了第三部分的文字']]));
    const first = bundles.find((b) => b.edition === 1)!;
    const corrected = bundles.find((b) => b.edition === 2)!;
    expect(first.supersededBy).toBe(corrected.id);
  });

  it('a bundle is stored only with its step to 已公开: when the state moved, neither is written', async () => {
    const { ds, finance } = await setUp(store, toJson(loadExample(COMPLETE_EXAMPLE)), 2020);
    const data = new TextEncoder().encode('<html></html>');
    const file = { name: 'a.html', mediaType: 'text/html', bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex'), data };
    await expect(store.addBundle({
      datasetId: ds.id, datasetVersion: 1, userId: finance.id, correctionNote: null, files: [file],
      publish: { from: ['finance_approved'], to: 'published', action: 'publish', userId: finance.id },
    })).rejects.toMatchObject({ name: 'StateConflict', current: 'draft' });
    expect(await store.listBundles({ datasetId: ds.id })).toEqual([]);
    expect(await store.listEvents(ds.id)).toHaveLength(1);
  });

  it('publish refuses a version that does not pass its review: no bundle, not published', async () => {
    const d = toJson(loadExample(COMPLETE_EXAMPLE));
    (d.unit as Record<string, unknown>).name = '未通过审核的单位';
    // 事业收入 changed alone: 收入合计 no longer agrees with 支出 and the balances, an error-level finding.
    const income = d.income as Record<string, unknown>;
    income.business = '1.00';
    const { ds, filler, finance } = await setUp(store, d, 2022);
    await approve(store, ds.id, filler.id, finance.id);
    const job = await store.enqueueJob({ kind: 'publish', payload: { datasetId: ds.id, version: 1, userId: finance.id, correctionNote: null }, requestedBy: finance.id });
    const w = startWorker(store, { autostart: false });
    await w.drain();
    await w.stop();
    const failed = await store.getJob(job.id);
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toMatch(/^数据未通过审核，不能公开正式报告：\n\[/u);
    expect(await store.listBundles({ datasetId: ds.id })).toEqual([]);
    expect((await store.getDataset(ds.id))?.status).toBe('finance_approved');
  });
});

describe('workers in separate processes share one PostgreSQL queue', () => {
  const schema = `t_workers_${randomBytes(4).toString('hex')}`;
  it('every job is done once, by one of two `juesuan worker --once` processes', async () => {
    const store = await openStore({ databaseUrl: PG_URL, schema });
    try {
      const { ds, filler } = await setUp(store, toJson(loadExample(COMPLETE_EXAMPLE)), 2021);
      const jobs = [];
      for (let i = 0; i < 12; i++) jobs.push(await store.enqueueJob({ kind: 'render', payload: { datasetId: ds.id, version: 1, format: 'html' }, requestedBy: filler.id }));
      const cli = join(import.meta.dirname, '..', '..', 'src', 'cli', 'bin.ts');
      const worker = () => run(process.execPath, ['--import', 'tsx', cli, 'worker', '--once', '--database-url', PG_URL], { timeout: 120_000, env: { ...process.env, JUESUAN_DB_SCHEMA: schema } });
      const [a, b] = await Promise.all([worker(), worker()]);
      const counts = [a, b].map((r) => Number(/已处理 (\d+) 个任务/u.exec(r.stdout)?.[1]));
      expect(counts[0]! + counts[1]!).toBe(12);
      const done = await Promise.all(jobs.map((j) => store.getJob(j.id)));
      expect(done.every((j) => j?.status === 'done' && j.attempts === 1)).toBe(true);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });
});
