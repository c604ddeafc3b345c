import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeEffects, type Effects } from '../../src/app/effects.js';
import { run } from '../../src/cli/main.js';
import { synthCommand } from '../../src/cli/synth.js';
import { batchExitCode, createProgress, expandInputs, runBatch, summaryLines } from '../../src/batch/index.js';
import { batchRenderSession } from '../../src/batch/tasks/render.js';
import { chromiumPath } from '../../src/render/pdf/index.js';

function recording(): Effects & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { ...nodeEffects, out: (l) => outLines.push(l), err: (l) => errLines.push(l), outLines, errLines };
}

// As in test/render/pdf.test.ts: on CI a missing browser is a failure, not a skip.
const haveChromium = existsSync(chromiumPath()) || process.env.CI === 'true';

let dir: string;
let files: string[];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'batch-'));
  // 12 units, 3 broken on purpose (bad YAML, bad value, failing checks), spread through the list.
  files = synthCommand({ units: 12, seed: 3, outDir: join(dir, 'in'), corrupt: 3 }, recording());
  // Beside them: a sub-folder with an empty (invalid) dataset, a non-dataset and a temporary file.
  mkdirSync(join(dir, 'in', 'sub'), { recursive: true });
  writeFileSync(join(dir, 'in', 'sub', 'extra.json'), '{}');
  writeFileSync(join(dir, 'in', 'notes.txt'), 'not a dataset');
  writeFileSync(join(dir, 'in', '.unit-00001.yaml.123.tmp'), 'half written');
});

describe('batch inputs', () => {
  it('folders are searched for datasets in a stable order; named files stay, even missing ones', () => {
    const found = expandInputs([join(dir, 'in'), files[0]!, join(dir, 'missing.yaml')]);
    expect(found).toEqual([join(dir, 'in', 'sub', 'extra.json'), ...files, join(dir, 'missing.yaml')]);
  });
});

describe('runBatch', () => {
  it('checks every file on two worker threads; bad files are reported with their reasons and do not stop the rest', async () => {
    const seen: number[] = [];
    const b = await runBatch({ task: 'check', options: {}, files, jobs: 2, onResult: (_r, done) => seen.push(done) });
    expect(b.jobs).toBe(2);
    expect(seen).toEqual(files.map((_, i) => i + 1));
    expect(b.results.map((r) => r.file)).toEqual(files);
    const failed = b.results.filter((r) => r.exitCode !== 0);
    expect(failed.map((r) => r.exitCode).sort()).toEqual([1, 2, 2]);
    expect(failed.map((r) => r.reason).join('\n')).toMatch(/YAML 格式错误[\s\S]*二〇二二年[\s\S]*错误级问题/);
    expect(batchExitCode(b)).toBe(2);
    const summary = summaryLines('审核', b).join('\n');
    expect(summary).toContain('共 12 个文件，成功 9，失败 3');
    expect(summary).toContain('失败分类：未通过审核 1，无法读取或格式错误 2');
  });

  it('gives the same outcomes on worker threads as in one thread', async () => {
    const strip = (b: Awaited<ReturnType<typeof runBatch>>) => b.results.map(({ ms: _ms, ...r }) => r);
    const inline = await runBatch({ task: 'check', options: { json: true }, files, jobs: 1 });
    const pooled = await runBatch({ task: 'check', options: { json: true }, files, jobs: 2 });
    expect(strip(pooled)).toEqual(strip(inline));
  });

  it('renders every good file and leaves nothing for the bad ones (no partial or temporary files)', async () => {
    const out = join(dir, 'out');
    const b = await runBatch({ task: 'render', options: { outDir: out, formats: ['html', 'xlsx'] }, files, jobs: 2 });
    const good = b.results.filter((r) => r.exitCode === 0);
    expect(good).toHaveLength(9);
    expect(readdirSync(out).sort()).toEqual(good.flatMap((r) => r.out.map((p) => p.slice(out.length + 1))).sort());
    expect(readdirSync(out).some((f) => f.startsWith('.'))).toBe(false);
  });

  it.skipIf(!haveChromium)('renders PDFs with one browser page per batch runner (workers already take a core each)', async () => {
    const session = batchRenderSession();
    try {
      const pdf = await session.pdfRenderer();
      expect(pdf.pages).toBe(1);
      expect(await session.pdfRenderer()).toBe(pdf); // one browser for the runner's whole share
    } finally {
      await session.close();
      await session.close();
    }
    const out = join(dir, 'out-pdf');
    const two = files.slice(0, 2);
    const b = await runBatch({ task: 'render', options: { outDir: out, formats: ['pdf'] }, files: two, jobs: 1 });
    expect(b.results.map((r) => r.exitCode)).toEqual([0, 0]);
    expect(readdirSync(out).sort()).toEqual(two.map((f) => f.replace(/^.*\//, '').replace(/\.yaml$/, '.pdf')).sort());
  });

  it('refuses an unknown task', async () => {
    await expect(runBatch({ task: 'nonsense', options: {}, files })).rejects.toThrow(/unknown batch task/);
  });
});

describe('progress', () => {
  it('prints one plain line per 10% when standard error is not a terminal', () => {
    const lines: string[] = [];
    let t = 0;
    const p = createProgress(20, '审核', { isTTY: false, write: (s) => lines.push(s) }, () => (t += 100));
    for (let i = 1; i <= 20; i++) p.update(i, i > 15 ? 1 : 0);
    p.end();
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^审核：10%（2\/20），[\d.]+ 秒\n$/);
    expect(lines[9]).toMatch(/^审核：100%（20\/20，失败 1），/);
  });
  it('redraws a bar in place on a terminal and ends the line', () => {
    const writes: string[] = [];
    let t = 0;
    const p = createProgress(4, '生成', { isTTY: true, write: (s) => writes.push(s) }, () => (t += 1000));
    for (let i = 1; i <= 4; i++) p.update(i, 0);
    p.end();
    expect(writes.slice(0, 4).every((w) => w.startsWith('\r生成 ['))).toBe(true);
    expect(writes[3]).toContain(`[${'#'.repeat(30)}] 4/4`);
    expect(writes[4]).toBe('\n');
  });
});

describe('juesuan check / render with many files', () => {
  it('check <folder> prints a line per file, the summary, and exits with the worst file’s code', async () => {
    const fx = recording();
    const code = await run(['check', join(dir, 'in'), '--jobs', '2'], fx);
    expect(code).toBe(2);
    expect(fx.outLines.filter((l) => l.includes('：通过（错误 0'))).toHaveLength(9);
    expect(fx.errLines.join('\n')).toMatch(/审核完成：共 13 个文件，成功 9，失败 4/);
  });
  it('check of good files only exits 0', async () => {
    const good = files.filter((_, i) => ![2, 6, 10].includes(i));
    const fx = recording();
    expect(await run(['check', ...good.slice(0, 3), '-j', '1'], fx)).toBe(0);
    expect(fx.errLines.join('\n')).toContain('成功 3，失败 0');
  });
  it('one file without --jobs keeps the single-file output', async () => {
    const fx = recording();
    expect(await run(['check', files[1]!], fx)).toBe(0);
    expect(fx.outLines[0]).toMatch(/^审核 .*规则包/);
  });
  it('render <files…> writes each file’s outputs and lists them', async () => {
    const out = join(dir, 'cli-out');
    const fx = recording();
    expect(await run(['render', files[0]!, files[1]!, '-o', out, '-f', 'txt'], fx)).toBe(0);
    expect(fx.outLines.sort()).toEqual([join(out, 'unit-00001.txt'), join(out, 'unit-00002.txt')]);
    expect(existsSync(join(out, 'unit-00002.txt'))).toBe(true);
  });
  it('a bad --jobs value is a usage error', async () => {
    const fx = recording();
    expect(await run(['check', files[1]!, '--jobs', '0'], fx)).toBe(2);
    expect(fx.errLines.join('\n')).toContain('--jobs 应为不小于1的整数');
  });
});
