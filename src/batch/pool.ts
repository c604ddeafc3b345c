/**
 * Runs a task over many files on worker threads, one file per message
 * (how many threads: defaultJobs). Workers pull the next file when they finish one, so
 * a slow file does not hold up the rest. A worker that dies takes only its
 * current file with it: that file fails with the reason, and a fresh worker
 * carries on. With one job (or one file) everything runs in this thread.
 * PDFs of a batch on workers are printed in one browser, this thread's
 * (print.ts).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BatchPrinter } from './print.js';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.js';
import type { FileResult } from './task.js';
import { loadTask, printsPdf, TASKS } from './tasks.js';

export interface BatchOptions {
  task: string;
  /** The task's options: plain data, copied to each worker. */
  options: unknown;
  files: readonly string[];
  /** Threads to use; default: defaultJobs() for the batch. 1 runs in this thread. */
  jobs?: number;
  /** Called for each file as it finishes (in finishing order). */
  onResult?: (r: FileResult, done: number, total: number) => void;
}

export interface BatchResult {
  /** In the order of the input files. */
  results: FileResult[];
  ms: number;
  jobs: number;
}

/**
 * Heap limit of each worker thread. One dataset needs well under 100 MB; with
 * V8's default (a share of the machine's memory) a worker's heap kept growing
 * and two render workers held ~900 MB between them, against ~650 MB with this.
 */
const HEAP_MB = 192;

/**
 * Batches smaller than this run in one thread by default. Measured on the
 * 2-core machine (issue 16; shared with other work, as machines are): a worker
 * thread loads its modules and warms up its JIT on its own, ~0.4 s of CPU
 * each, and two workers spent 40–70 % more CPU per file than one thread, so
 * `audit` of 4, 20 and 200 reports, `check` of 20 and 200 datasets and
 * `render` (HTML, DOCX) of 20 all finished sooner with -j 1 than with -j 2.
 */
export const MIN_FILES_FOR_WORKERS = 50;

/**
 * The default thread count (`-j`): one thread for a batch below
 * MIN_FILES_FOR_WORKERS files; for a larger one, a worker per core but one,
 * which leaves a core to the coordinating thread and the system — on 2 cores
 * that is one thread too. A batch that prints PDFs gets a worker per core
 * (up to one per file): Chromium prints one document while Node lays out the
 * next, so two workers keep both cores busy.
 */
export function defaultJobs(files: number = Number.POSITIVE_INFINITY, o: { pdf?: boolean } = {}): number {
  const cores = availableParallelism();
  if (o.pdf) return Math.max(1, Math.min(cores, files));
  if (files < MIN_FILES_FOR_WORKERS) return 1;
  return Math.max(1, cores - 1);
}

export async function runBatch(o: BatchOptions): Promise<BatchResult> {
  if (!Object.hasOwn(TASKS, o.task)) throw new Error(`unknown batch task: ${o.task}`);
  const jobs = Math.max(1, Math.min(o.jobs ?? defaultJobs(o.files.length, { pdf: printsPdf(o.task, o.options) }), o.files.length));
  const t0 = performance.now();
  const results = jobs === 1 ? await runInline(o) : await runOnWorkers(o, jobs);
  return { results, ms: performance.now() - t0, jobs };
}

async function runInline(o: BatchOptions): Promise<FileResult[]> {
  const runner = (await loadTask(o.task))(o.options);
  const results: FileResult[] = [];
  try {
    for (const file of o.files) {
      const t0 = performance.now();
      const r: FileResult = { file, ...(await runner.run(file)), ms: performance.now() - t0 };
      results.push(r);
      o.onResult?.(r, results.length, o.files.length);
    }
  } finally {
    await runner.close();
  }
  return results;
}

/** The worker entry beside this module: worker.js in dist/; from the .ts sources, a shim that loads tsx first. */
function workerEntry(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './worker-tsx.mjs' : './worker.js', import.meta.url);
}

async function runOnWorkers(o: BatchOptions, jobs: number): Promise<FileResult[]> {
  const printer = new BatchPrinter(jobs);
  try {
    return await onWorkers(o, jobs, printer);
  } finally {
    await printer.close();
  }
}

function onWorkers(o: BatchOptions, jobs: number, printer: BatchPrinter): Promise<FileResult[]> {
  const entry = workerEntry();
  const setup: WorkerSetup = { task: o.task, options: o.options };
  const results: (FileResult | undefined)[] = new Array(o.files.length);
  let next = 0;
  let done = 0;
  let live = 0;

  return new Promise((resolveAll) => {
    const finish = (id: number, r: FileResult) => {
      if (results[id]) return;
      results[id] = r;
      done++;
      o.onResult?.(r, done, o.files.length);
    };

    const start = () => {
      const worker = new Worker(entry, { workerData: setup, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB, maxYoungGenerationSizeMb: 16 } });
      live++;
      let current: { id: number; t0: number } | undefined;
      let closing = false;
      const feed = () => {
        if (next < o.files.length) {
          current = { id: next++, t0: performance.now() };
          worker.postMessage({ kind: 'job', id: current.id, file: o.files[current.id]! } satisfies ToWorker);
        } else {
          current = undefined;
          closing = true;
          worker.postMessage({ kind: 'close' } satisfies ToWorker);
        }
      };
      worker.on('message', (m: FromWorker) => {
        if (m.kind === 'print') printer.handle(worker, m.id, m.page);
        else if (m.kind === 'result') {
          finish(m.id, { file: o.files[m.id]!, ...m.outcome, ms: m.ms });
          feed();
        }
      });
      const died = (reason: string) => {
        if (current) {
          finish(current.id, { file: o.files[current.id]!, exitCode: 3, reason, out: [], ms: performance.now() - current.t0 });
          current = undefined;
        }
      };
      worker.on('error', (e) =>
        died(
          (e as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `内部错误：处理该文件时内存不足（每个线程的堆上限为 ${HEAP_MB} MB）`
            : `内部错误：处理该文件的工作线程崩溃（${e.message}）`,
        ),
      );
      worker.on('exit', (code) => {
        live--;
        if (!closing) {
          died(`内部错误：处理该文件的工作线程意外退出（退出码 ${code}）`);
          // Carry on with a fresh worker while files remain.
          if (next < o.files.length) start();
        }
        if (live === 0) resolveAll(results.map((r, i) => r ?? { file: o.files[i]!, exitCode: 3, reason: '内部错误：文件未被处理', out: [], ms: 0 }));
      });
      feed();
    };
    for (let i = 0; i < jobs; i++) start();
  });
}
