/** Batch work over many datasets on all cores: inputs, the task registry, the pool, progress and summary. */
export { expandInputs } from './inputs.js';
export { runBatch, defaultJobs, type BatchOptions, type BatchResult } from './pool.js';
export { createProgress, type Progress, type ProgressStream } from './progress.js';
export { summaryLines, batchExitCode } from './summary.js';
export { TASKS } from './tasks.js';
export type { FileResult, FileOutcome, BatchTask, TaskRunner } from './task.js';
