/**
 * A batch command as the CLI runs it: progress on standard error, each file's
 * output lines on standard output as the file finishes, then the summary.
 * Returns the exit code (the worst file's).
 */
import { UserError, type Effects } from '../app/effects.js';
import { runBatch } from './pool.js';
import { createProgress, type ProgressStream } from './progress.js';
import { batchExitCode, summaryLines } from './summary.js';

export interface BatchCommandOptions {
  /** What the summary calls the work, e.g. 审核 or 生成. */
  label: string;
  task: string;
  options: unknown;
  files: readonly string[];
  jobs?: number;
  /** Where the progress goes; default standard error. */
  progress?: ProgressStream;
}

export async function batchCommand(o: BatchCommandOptions, fx: Effects): Promise<number> {
  // A batch of nothing is not a success: “共 0 个文件” and exit 0 would hide a wrong folder.
  if (o.files.length === 0) throw new UserError('没有可处理的文件');
  const progress = createProgress(o.files.length, o.label, o.progress ?? process.stderr);
  let failed = 0;
  const b = await runBatch({
    task: o.task,
    options: o.options,
    files: o.files,
    ...(o.jobs !== undefined ? { jobs: o.jobs } : {}),
    onResult: (r, done) => {
      if (r.exitCode !== 0) failed++;
      for (const l of r.out) fx.out(l);
      progress.update(done, failed);
    },
  });
  progress.end();
  for (const l of summaryLines(o.label, b)) fx.err(l);
  return batchExitCode(b);
}
