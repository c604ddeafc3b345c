/**
 * A batch worker thread: makes the task's runner once, then handles one file
 * per message until told to close. Started by pool.ts, from dist/ as .js or
 * under tsx as .ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol.js';
import { TASKS } from './tasks.js';

const port = parentPort;
if (!port) throw new Error('batch worker must run in a worker thread');
const setup = workerData as WorkerSetup;
const task = TASKS[setup.task];
if (!task) throw new Error(`unknown batch task: ${setup.task}`);
const runner = task(setup.options);

const send = (m: FromWorker) => port.postMessage(m);

port.on('message', (m: ToWorker) => {
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
