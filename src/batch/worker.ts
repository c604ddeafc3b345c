/**
 * A batch worker thread: makes the task's runner once, then handles one file
 * per message until told to close. Started by pool.ts, from dist/ as .js or
 * under tsx as .ts. PDFs are printed by the main thread's browser (print.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { printClient } from './print.js';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.js';
import { loadTask } from './tasks.js';

const port = parentPort;
if (!port) throw new Error('batch worker must run in a worker thread');
const setup = workerData as WorkerSetup;

const send = (m: FromWorker) => port.postMessage(m);
const printer = printClient(send);
const runner = (await loadTask(setup.task))(setup.options, { print: printer.print });

port.on('message', (m: ToWorker) => {
  if (m.kind === 'printed') {
    printer.settle(m);
    return;
  }
  if (m.kind === 'close') {
    void runner.close().finally(() => {
      send({ kind: 'closed' });
      port.close();
    });
    return;
  }
  const t0 = performance.now();
  void runner.run(m.file).then((outcome) => send({ kind: 'result', id: m.id, outcome, ms: performance.now() - t0 }));
});
