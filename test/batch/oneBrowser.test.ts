/**
 * One browser per batch (issue 16): a PDF batch on worker threads starts one
 * Chromium, in the main thread, however many workers print through it; a
 * batch that prints no PDF starts none; a missing browser fails each file
 * with the Chinese reason. Launches are counted by a wrapper script given as
 * the browser: it logs a line and execs the real Chromium (the browser's own
 * helper processes are not started through it).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { nodeEffects } from '../../src/app/effects.js';
import { runBatch } from '../../src/batch/index.js';
import { synthCommand } from '../../src/cli/synth.js';
import { parseDataset } from '../../src/model/index.js';
import { chromiumPath } from '../../src/render/pdf/index.js';

// As in test/render/pdf.test.ts: on CI a missing browser is a failure, not a skip.
const realChromium = chromiumPath();
const haveChromium = existsSync(realChromium) || process.env.CI === 'true';

let dir: string;
let files: string[];
let wrapper: string;
let log: string;
const launches = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0);
const savedPath = process.env.CHROMIUM_PATH;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'one-browser-'));
  files = synthCommand({ units: 4, seed: 5, outDir: join(dir, 'in') }, { ...nodeEffects, out: () => {}, err: () => {} });
  log = join(dir, 'launches.log');
  wrapper = join(dir, 'chromium.sh');
  writeFileSync(wrapper, `#!/bin/sh\necho launched >> '${log}'\nexec '${realChromium}' "$@"\n`);
  chmodSync(wrapper, 0o755);
});

afterEach(() => {
  if (savedPath === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = savedPath;
});

describe.skipIf(!haveChromium)('a PDF batch on worker threads', () => {
  it('starts exactly one Chromium for two workers, and each file gets its own document', async () => {
    process.env.CHROMIUM_PATH = wrapper;
    const out = join(dir, 'out-pdf');
    const b = await runBatch({ task: 'render', options: { outDir: out, formats: ['pdf', 'html'] }, files, jobs: 2 });
    expect(b.jobs).toBe(2);
    expect(b.results.map((r) => [r.exitCode, r.reason])).toEqual(files.map(() => [0, undefined]));
    expect(launches()).toBe(1);
    for (const f of files) {
      const d = parseDataset(readFileSync(f, 'utf8'), f);
      const pdf = join(out, f.replace(/^.*\//, '').replace(/\.yaml$/, '.pdf'));
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      expect(text).toContain(d.unit.name.replace(/\s+/g, ''));
      for (const other of files.filter((g) => g !== f)) {
        const o = parseDataset(readFileSync(other, 'utf8'), other);
        if (!d.unit.name.includes(o.unit.name)) expect(text).not.toContain(o.unit.name.replace(/\s+/g, ''));
      }
    }
  });

  it('starts none when no PDF is asked for', async () => {
    process.env.CHROMIUM_PATH = wrapper;
    const before = launches();
    const b = await runBatch({ task: 'render', options: { outDir: join(dir, 'out-html'), formats: ['html'] }, files, jobs: 2 });
    expect(b.results.every((r) => r.exitCode === 0)).toBe(true);
    expect(launches()).toBe(before);
  });
});

describe('a PDF batch without a browser', () => {
  it('fails each file with the Chinese reason (exit 2) and does not hang', async () => {
    process.env.CHROMIUM_PATH = join(dir, 'no-such-chromium');
    const b = await runBatch({ task: 'render', options: { outDir: join(dir, 'out-none'), formats: ['pdf'] }, files: files.slice(0, 2), jobs: 2 });
    for (const r of b.results) {
      expect(r.exitCode).toBe(2);
      expect(r.reason).toContain('未找到 Chromium');
    }
  });
});
