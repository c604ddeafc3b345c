/** Messages between the batch pool and its worker threads. */
import type { PrintPage } from '../render/pdf/index.js';
import type { FileOutcome } from './task.js';

export interface WorkerSetup {
  task: string;
  options: unknown;
}

/**
 * The reply to a worker's print request: the PDF, or why not (`user`: the
 * browser could not be started, e.g. Chromium is missing — the user's to fix).
 */
export type Printed = { kind: 'printed'; id: number; pdf: Uint8Array } | { kind: 'printed'; id: number; error: string; user: boolean };

export type ToWorker = { kind: 'job'; id: number; file: string } | { kind: 'close' } | Printed;

export type FromWorker =
  | { kind: 'result'; id: number; outcome: FileOutcome; ms: number }
  /** A page of HTML (and its fonts) for the batch's one browser, owned by the main thread (print.ts). */
  | { kind: 'print'; id: number; page: PrintPage }
  | { kind: 'closed' };
