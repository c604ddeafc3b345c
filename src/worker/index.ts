/**
 * The job worker (issue 13 part 7): claims jobs from the PostgreSQL-backed
 * queue (`FOR UPDATE SKIP LOCKED`, so any number of workers, in any number of
 * processes or machines pointed at the same server, never take the same job),
 * runs their handler and records the outcome. `juesuan serve` runs one in its
 * own process; `juesuan worker` runs more, elsewhere.
 */
import { hostname } from 'node:os';
import { JOB_HANDLERS, JobFailure, type JobHandler } from '../app/jobs.js';
import { RenderSession } from '../app/render.js';
import type { JobRecord, Store } from '../store/types.js';

export interface WorkerOptions {
  /** Recorded as the job's lockedBy; default host:pid:n. */
  id?: string;
  /** Wait between polls of an empty queue, ms (default 500). */
  pollMs?: number;
  /** A running job whose lock is older than this goes back to the queue (its worker died); default 10 min. */
  staleMs?: number;
  handlers?: Partial<Record<JobRecord['kind'], JobHandler>>;
  /** Internal failures are logged here (the job's error says 内部错误 to the user). */
  log?: (line: string) => void;
  /** false: no polling loop; the caller runs jobs with drain() (tests). Default true. */
  autostart?: boolean;
  /** Called after each job ends (tests, progress display). */
  onJobEnd?: (job: JobRecord, outcome: 'done' | 'failed') => void;
  /**
   * The browser to print PDFs in, shared by the workers of one process
   * (workerSession()); the caller closes it. Default: one of the worker's own,
   * started on the first PDF and closed by stop().
   */
  session?: RenderSession;
}

/**
 * One browser for all the workers of a process (issue 16): `concurrency`
 * documents print at once in it, each on a page of its own. Close it after
 * the workers have stopped.
 */
export function workerSession(concurrency: number): RenderSession {
  return new RenderSession({ pages: concurrency });
}

export interface Worker {
  readonly id: string;
  /** Finishes the job in hand (if any), then stops; closes the worker's browser (not a shared one). */
  stop(): Promise<void>;
  /** Runs jobs until the queue is empty (tests and the CLI's --once). */
  drain(): Promise<number>;
}

let seq = 0;

export function startWorker(store: Store, o: WorkerOptions = {}): Worker {
  const id = o.id ?? `${hostname()}:${process.pid}:${++seq}`;
  const pollMs = o.pollMs ?? 500;
  const staleMs = o.staleMs ?? 10 * 60_000;
  const handlers = { ...JOB_HANDLERS, ...o.handlers };
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const session = o.session ?? new RenderSession({ pages: 1 });
  let stopping = false;
  let wake: (() => void) | undefined;
  let lastStaleCheck = 0;

  async function runOne(): Promise<boolean> {
    if (Date.now() - lastStaleCheck > Math.min(staleMs, 60_000)) {
      lastStaleCheck = Date.now();
      await store.requeueStale(staleMs);
    }
    const job = await store.claimJob(id);
    if (!job) return false;
    const handler = handlers[job.kind];
    let outcome: 'done' | 'failed' = 'done';
    try {
      if (!handler) throw new JobFailure(`未知的任务类型：${job.kind}`);
      const result = await handler(job, { store, session, progress: (progress, stage) => store.updateJob(job.id, { progress, stage }) });
      await store.finishJob(job.id, { result });
    } catch (e) {
      outcome = 'failed';
      const message = e instanceof JobFailure ? e.message : '内部错误：任务未能完成，请稍后重试或联系管理员';
      if (!(e instanceof JobFailure)) log(`任务 ${job.id}（${job.kind}）内部错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      await store.finishJob(job.id, { error: message });
    }
    o.onJobEnd?.(job, outcome);
    return true;
  }

  const loop = (async () => {
    while (!stopping && o.autostart !== false) {
      let worked = false;
      try {
        worked = await runOne();
      } catch (e) {
        // The store itself failed (connection lost): wait and try again.
        log(`任务队列读取失败：${e instanceof Error ? e.message : String(e)}`);
      }
      if (!worked && !stopping) await new Promise<void>((r) => { const t = setTimeout(r, pollMs); wake = () => { clearTimeout(t); r(); }; });
    }
  })();

  return {
    id,
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      if (!o.session) await session.close();
    },
    async drain() {
      let n = 0;
      while (await runOne()) n++;
      return n;
    },
  };
}
