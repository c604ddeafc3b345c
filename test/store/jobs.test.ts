/** The job queue: enqueue, claim in order, never twice, progress, finish, requeue, files; on both engines. */
import { createHash } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import type { JobRecord, NewBundleFile, Store } from '../../src/store/index.js';
import { engines, onServer, setupOnce } from './engines.js';
import { seed, type Seed } from './seed.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(engines())('$name: jobs', (engine) => {
  let store: Store;
  let db: Db;
  let s: Seed;

  /** Every test starts with an empty queue and no running job. */
  const settle = async () => {
    await db.query(`UPDATE jobs SET status = 'failed', error = 'test reset', finished_at = now() WHERE status IN ('queued', 'running')`);
  };

  setupOnce(async () => {
    ({ store, db } = await engine.openWithDb());
    s = await seed(store);
  });
  beforeEach(settle);
  afterAll(() => engine.cleanup());

  it('enqueues a job as queued, with its payload and requester', async () => {
    const j = await store.enqueueJob({ kind: 'render', payload: { datasetId: 7, format: 'pdf', 名称: '决算' }, requestedBy: s.filler.id });
    expect(j).toEqual({
      id: j.id, kind: 'render', status: 'queued', payload: { datasetId: 7, format: 'pdf', 名称: '决算' }, progress: 0, stage: '排队中',
      error: null, result: null, requestedBy: s.filler.id, attempts: 0, lockedBy: null, createdAt: j.createdAt, finishedAt: null,
    });
    expect(await store.getJob(j.id)).toEqual(j);
    expect(await store.getJob(999_999)).toBeNull();
    const system = await store.enqueueJob({ kind: 'publish', payload: {}, requestedBy: null });
    expect(system.requestedBy).toBeNull();
  });

  it('claims the oldest queued job first, then the next, then none', async () => {
    const a = await store.enqueueJob({ kind: 'render', payload: { n: 1 }, requestedBy: null });
    const b = await store.enqueueJob({ kind: 'publish', payload: { n: 2 }, requestedBy: null });
    const first = await store.claimJob('worker-1');
    expect(first).toMatchObject({ id: a.id, status: 'running', attempts: 1, lockedBy: 'worker-1', payload: { n: 1 } });
    expect(await store.claimJob('worker-2')).toMatchObject({ id: b.id, lockedBy: 'worker-2' });
    expect(await store.claimJob('worker-1')).toBeNull();
  });

  it('reports progress and finishes with a result or an error', async () => {
    const j = await store.enqueueJob({ kind: 'render', payload: {}, requestedBy: s.filler.id });
    await store.claimJob('w');
    await store.updateJob(j.id, { progress: 40, stage: '正在生成 PDF' });
    expect(await store.getJob(j.id)).toMatchObject({ progress: 40, stage: '正在生成 PDF', status: 'running' });
    await store.updateJob(j.id, { progress: 60 });
    expect(await store.getJob(j.id)).toMatchObject({ progress: 60, stage: '正在生成 PDF' });
    await expect(store.updateJob(j.id, { progress: 101 })).rejects.toThrow();
    await store.finishJob(j.id, { result: { files: [{ name: 'a.pdf' }], downloadBase: '/api/jobs/1/files/' } });
    const done = await store.getJob(j.id);
    expect(done).toMatchObject({ status: 'done', progress: 100, error: null, result: { files: [{ name: 'a.pdf' }], downloadBase: '/api/jobs/1/files/' } });
    expect(done!.finishedAt! >= done!.createdAt).toBe(true);

    const k = await store.enqueueJob({ kind: 'publish', payload: {}, requestedBy: null });
    await store.claimJob('w');
    await store.finishJob(k.id, { error: 'PDF 生成失败：字体缺失' });
    expect(await store.getJob(k.id)).toMatchObject({ status: 'failed', error: 'PDF 生成失败：字体缺失', result: null });
    expect((await store.getJob(k.id))!.finishedAt).not.toBeNull();
  });

  it('never gives one job to two claimers racing for the queue', async () => {
    const ids = new Set<number>();
    for (let i = 0; i < 30; i++) ids.add((await store.enqueueJob({ kind: 'render', payload: { i }, requestedBy: null })).id);
    // On the server: two pools (two processes), each with three workers claiming at once.
    const second = engine.name === 'postgres' ? await engine.open() : store;
    const claimed: JobRecord[] = [];
    const worker = async (target: Store, name: string) => {
      for (let job = await target.claimJob(name); job; job = await target.claimJob(name)) claimed.push(job);
    };
    await Promise.all([1, 2, 3].flatMap((n) => [worker(store, `a${n}`), worker(second, `b${n}`)]));
    expect(claimed).toHaveLength(30);
    expect(new Set(claimed.map((j) => j.id))).toEqual(ids);
    expect(claimed.every((j) => j.attempts === 1)).toBe(true);
  });

  // Server only: PGlite has one connection, so no other worker can hold a lock there.
  if (engine.name === 'postgres') it('skips a job another worker holds locked instead of waiting for it', async () => {
    const a = await store.enqueueJob({ kind: 'render', payload: {}, requestedBy: null });
    const b = await store.enqueueJob({ kind: 'render', payload: {}, requestedBy: null });
    const claimed = await onServer(async (c) => {
      await c.query('BEGIN');
      try {
        await c.query(`SELECT id FROM ${engine.options.schema}.jobs WHERE id = $1 FOR UPDATE`, [a.id]);
        return await Promise.race([store.claimJob('w'), sleep(5000).then(() => 'blocked behind the lock')]);
      } finally {
        await c.query('ROLLBACK');
      }
    });
    expect(claimed).toMatchObject({ id: b.id });
    expect(await store.claimJob('w')).toMatchObject({ id: a.id });
  });

  it('requeues running jobs whose lock is stale, and only those', async () => {
    const dead = await store.enqueueJob({ kind: 'render', payload: {}, requestedBy: null });
    const alive = await store.enqueueJob({ kind: 'render', payload: {}, requestedBy: null });
    await store.claimJob('dead-worker');
    await store.claimJob('live-worker');
    await sleep(300);
    await store.updateJob(alive.id, { progress: 10 }); // progress renews the lock
    expect(await store.requeueStale(60_000)).toBe(0);
    expect(await store.requeueStale(200)).toBe(1);
    expect(await store.getJob(dead.id)).toMatchObject({ status: 'queued', lockedBy: null, stage: '排队中', attempts: 1 });
    expect(await store.getJob(alive.id)).toMatchObject({ status: 'running', lockedBy: 'live-worker' });
    // The requeued job is claimed again, counting its second attempt.
    expect(await store.claimJob('new-worker')).toMatchObject({ id: dead.id, attempts: 2, lockedBy: 'new-worker' });
    // Finished jobs are never requeued.
    await store.finishJob(alive.id, { result: {} });
    await sleep(20);
    expect(await store.requeueStale(0)).toBe(1); // only new-worker's claim
    expect((await store.getJob(alive.id))!.status).toBe('done');
  });

  it('keeps the files a job produced, checked by SHA-256', async () => {
    const j = await store.enqueueJob({ kind: 'render', payload: {}, requestedBy: null });
    const data = new TextEncoder().encode('%PDF-1.7 决算');
    const f: NewBundleFile = { name: '决算.pdf', mediaType: 'application/pdf', bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex'), data };
    await store.addJobFile(j.id, f);
    expect(await store.getJobFile(j.id, '决算.pdf')).toEqual(f);
    expect(await store.getJobFile(j.id, 'other.pdf')).toBeNull();
    await expect(store.addJobFile(j.id, f)).rejects.toMatchObject({ name: 'Duplicate', what: '同名文件' });
    await expect(store.addJobFile(j.id, { ...f, name: 'bad.pdf', sha256: 'f'.repeat(64) })).rejects.toThrow(/SHA-256 校验值不符/);
    expect(await store.getJobFile(j.id, 'bad.pdf')).toBeNull();
  });
});
