/**
 * `juesuan worker`: job workers in their own process, pointed at the same
 * PostgreSQL server as `juesuan serve` (on this machine or another). The
 * embedded store (PGlite) belongs to one process, so its jobs are run by the
 * worker inside `serve`.
 */
import { openStore } from '../store/index.js';
import { startWorker, workerSession, type Worker } from './index.js';

export interface WorkerCommandOptions {
  databaseUrl?: string;
  /** PostgreSQL schema holding juesuan's tables (default public; env JUESUAN_DB_SCHEMA). */
  schema?: string;
  /** Workers in this process (default 1; a PDF job uses one core). */
  concurrency?: number;
  /** Run until the queue is empty, then exit (for scripts). */
  once?: boolean;
  out(line: string): void;
  err(line: string): void;
}

export class WorkerSetupError extends Error {}

export async function workerCommand(o: WorkerCommandOptions): Promise<void> {
  const databaseUrl = o.databaseUrl ?? process.env.DATABASE_URL;
  if (!databaseUrl) {
    throw new WorkerSetupError('juesuan worker 需要 PostgreSQL 服务器：请用 --database-url 或环境变量 DATABASE_URL 指定（内置数据库只能由 juesuan serve 进程内的工作线程处理任务）');
  }
  const concurrency = o.concurrency ?? 1;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new WorkerSetupError('--concurrency 应为 1 到 64 之间的整数');
  const schema = o.schema ?? process.env.JUESUAN_DB_SCHEMA;
  const store = await openStore({ databaseUrl, ...(schema ? { schema } : {}) });
  const workers: Worker[] = [];
  // One browser for the process, however many workers: each prints on a page of it.
  const session = workerSession(concurrency);
  try {
    if (o.once) {
      const w = startWorker(store, { autostart: false, log: o.err, session });
      const n = await w.drain();
      await w.stop();
      o.out(`已处理 ${n} 个任务，队列已空`);
      return;
    }
    for (let i = 0; i < concurrency; i++) {
      workers.push(startWorker(store, { log: o.err, session, onJobEnd: (job, outcome) => o.out(`任务 ${job.id}（${job.kind}）${outcome === 'done' ? '完成' : '失败'}`) }));
    }
    o.out(`任务处理进程已启动（${concurrency} 个工作线程），按 Ctrl+C 停止`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    o.out('正在停止：等待进行中的任务完成……');
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await session.close();
    await store.close();
  }
}
