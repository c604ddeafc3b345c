/** The default thread count of a batch (issue 16): one thread for small batches, a worker per core but one for large ones, a worker per core for PDF. */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultJobs, MIN_FILES_FOR_WORKERS } from '../../src/batch/pool.js';
import { printsPdf } from '../../src/batch/tasks.js';
import { buildProgram } from '../../src/cli/main.js';
import { nodeEffects } from '../../src/app/effects.js';

const cores = availableParallelism();

describe('defaultJobs', () => {
  it('runs a batch below MIN_FILES_FOR_WORKERS files in one thread', () => {
    expect(defaultJobs(1)).toBe(1);
    expect(defaultJobs(MIN_FILES_FOR_WORKERS - 1)).toBe(1);
  });

  it('gives a larger batch a worker per core but one, never fewer than one thread', () => {
    expect(defaultJobs(MIN_FILES_FOR_WORKERS)).toBe(Math.max(1, cores - 1));
    expect(defaultJobs(100_000)).toBe(Math.max(1, cores - 1));
    expect(defaultJobs()).toBe(Math.max(1, cores - 1));
  });

  it('gives a PDF batch a worker per core, at most one per file', () => {
    expect(defaultJobs(1, { pdf: true })).toBe(1);
    expect(defaultJobs(2, { pdf: true })).toBe(Math.min(2, cores));
    expect(defaultJobs(1000, { pdf: true })).toBe(cores);
  });

  it('knows a PDF batch by its task and formats', () => {
    expect(printsPdf('render', { formats: ['html', 'pdf'] })).toBe(true);
    expect(printsPdf('render', { formats: ['html', 'docx'] })).toBe(false);
    expect(printsPdf('check', { formats: ['pdf'] })).toBe(false);
    expect(printsPdf('render', null)).toBe(false);
  });

  it('is what the -j help says', () => {
    const program = buildProgram(nodeEffects);
    for (const name of ['render', 'check', 'audit', 'extract']) {
      const jobs = program.commands.find((c) => c.name() === name)!.options.find((o) => o.long === '--jobs')!;
      expect(jobs.description).toContain(`少于 ${MIN_FILES_FOR_WORKERS} 个文件时用 1 个`);
      expect(jobs.description).toContain('核心数减 1');
      expect(jobs.description).toContain('生成 PDF 时每个核心一个');
    }
  });
});
