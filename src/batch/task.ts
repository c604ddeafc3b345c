/**
 * What a batch runs for each file. A task makes a runner once per worker
 * (where it may hold resources) and the runner handles one file at a time.
 * Everything crossing a worker boundary is plain data (structured clone).
 * What the whole batch shares comes in the TaskContext: on worker threads, a
 * printer that prints HTML in the batch's one browser, in the main thread.
 */
import type { PrintHtml } from '../render/pdf/index.js';

/** 0 done; 1 the dataset fails its checks; 2 unusable input; 3 internal error (as the CLI's exit codes). */
export type FileExit = 0 | 1 | 2 | 3;

export interface FileOutcome {
  exitCode: FileExit;
  /** Why the file failed, in Chinese (the summary prints it). */
  reason?: string;
  /** Lines for standard output, in order (paths written, NDJSON …). */
  out: string[];
  /** Warnings and other counts worth adding up over the batch. */
  counts?: Record<string, number>;
}

export interface FileResult extends FileOutcome {
  file: string;
  ms: number;
}

export interface TaskRunner {
  run(file: string): Promise<FileOutcome>;
  close(): Promise<void>;
}

/** What the batch gives every runner. */
export interface TaskContext {
  /**
   * Prints a page of HTML to PDF in the browser the batch shares (one per
   * process, however many workers). Absent when the batch runs in one thread:
   * the runner then starts its own browser, on first use.
   */
  print?: PrintHtml;
}

/** Makes a runner from the task's options (plain data). */
export type BatchTask = (options: unknown, context?: TaskContext) => TaskRunner;
