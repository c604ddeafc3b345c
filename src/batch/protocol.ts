/** Messages between the batch pool and its worker threads. */
import type { FileOutcome } from './task.js';

export interface WorkerSetup {
  task: string;
  options: unknown;
}

export type ToWorker = { kind: 'job'; id: number; file: string } | { kind: 'close' };

export type FromWorker =
  | { kind: 'result'; id: number; outcome: FileOutcome; ms: number }
  | { kind: 'closed' };
