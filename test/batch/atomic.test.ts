/**
 * Outputs are written whole or not at all (src/app/effects.ts writeAtomically):
 * a failed write or a failed render leaves neither a partial file nor a
 * temporary one, and a file already there stays as it was.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nodeEffects, UserError, writeAtomically } from '../../src/app/effects.js';
import { renderFileToFolder } from '../../src/app/render.js';
import { synthCommand } from '../../src/cli/synth.js';

const quiet = { ...nodeEffects, out: () => {}, err: () => {} };
const fresh = () => mkdtempSync(join(tmpdir(), 'atomic-'));

describe('writeAtomically', () => {
  it('replaces a file in one step', () => {
    const dir = fresh();
    const f = join(dir, 'a.txt');
    writeAtomically(f, 'old');
    writeAtomically(f, '新内容');
    expect(readFileSync(f, 'utf8')).toBe('新内容');
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });
  it('a write that fails leaves the old file as it was and no temporary file', () => {
    const dir = fresh();
    const f = join(dir, 'report.html');
    writeFileSync(f, 'the old report');
    // Not writable data: writeFileSync throws after the temporary file may exist.
    expect(() => writeAtomically(f, { not: 'bytes' } as unknown as string)).toThrow();
    expect(readFileSync(f, 'utf8')).toBe('the old report');
    expect(readdirSync(dir)).toEqual(['report.html']);
  });
  it('a rename that fails (a folder holds the name) leaves no temporary file', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'taken.docx'));
    expect(() => writeAtomically(join(dir, 'taken.docx'), 'bytes')).toThrow();
    expect(readdirSync(dir)).toEqual(['taken.docx']);
  });
});

describe('a render that fails part-way', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });
  it('writes the formats done before the failure whole, and nothing of the failed one', async () => {
    const dir = fresh();
    const [file] = synthCommand({ units: 1, seed: 8, outDir: join(dir, 'in') }, quiet);
    const out = join(dir, 'out');
    process.env.CHROMIUM_PATH = join(dir, 'no-chromium-here');
    const err = await renderFileToFolder(file!, { outDir: out, formats: ['html', 'pdf', 'docx'] }, quiet).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toContain('未找到 Chromium');
    expect(readdirSync(out)).toEqual(['unit-00001.html']);
    expect(readFileSync(join(out, 'unit-00001.html'), 'utf8')).toMatch(/<\/html>\s*$/);
  });
});
