/**
 * What a batch runs for each file. A task makes a runner once per worker
 * (where it may hold resources such as a browser for PDF) and the runner
 * handles one file at a time. Everything crossing a worker boundary is plain
 * data (structured clone).
 */

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

/** Makes a runner from the task's options (plain data). */
export type BatchTask = (options: unknown) => TaskRunner;
