/** `juesuan audit` and `juesuan extract` as a user runs them (issue 4). */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeEffects, type Effects } from '../../src/app/effects.js';
import { run } from '../../src/cli/main.js';

function recording(): Effects & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { ...nodeEffects, out: (l) => outLines.push(l), err: (l) => errLines.push(l), outLines, errLines };
}

const seeds = join(import.meta.dirname, '..', 'fixtures', 'seeds');
const zhaohua = join(seeds, 'zhaohua-zfw-2022.txt');

describe('juesuan audit', () => {
  it('prints the seed’s contradictions with quotes and exits 1', async () => {
    const fx = recording();
    expect(await run(['audit', zhaohua], fx)).toBe(1);
    const out = fx.outLines.join('\n');
    expect(out).toMatch(/^.*zhaohua-zfw-2022\.txt（.*2022年度）：读出数字 \d+ 个；确定 \d+ 项/);
    expect(out).toContain('[确定]');
    expect(out).toContain('「');
  });
  it('--json prints one object per file whose quotes are exact substrings of the file', async () => {
    const fx = recording();
    await run(['audit', zhaohua, '--json'], fx);
    expect(fx.outLines).toHaveLength(1);
    const r = JSON.parse(fx.outLines[0]!) as {
      file: string; unit: string; year: number; summary: Record<string, number>;
      facts: { concept: string; value: string; unit: string; scenario: string; quote: string }[];
      findings: { rule: string; severity: string; message: string; quotes: string[] }[];
    };
    expect(r.year).toBe(2022);
    expect(Object.keys(r).sort()).toEqual(['facts', 'file', 'findings', 'summary', 'unit', 'year']);
    const raw = readFileSync(zhaohua, 'utf8');
    expect(r.facts.length).toBeGreaterThan(50);
    for (const f of r.facts) expect(raw.includes(f.quote), f.quote).toBe(true);
    for (const f of r.findings) for (const q of f.quotes) expect(raw.includes(q), q).toBe(true);
    expect(r.facts.find((f) => f.concept === 'total.income_expense')?.value).toBe('1193.39');
  });
  it('extract --json prints the facts alone', async () => {
    const fx = recording();
    expect(await run(['extract', zhaohua, '--json'], fx)).toBe(0);
    const r = JSON.parse(fx.outLines[0]!) as Record<string, unknown>;
    expect(Object.keys(r).sort()).toEqual(['facts', 'file', 'unit', 'year']);
  });
  it('a folder is audited file by file; a bad file is reported and does not stop the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    mkdirSync(join(dir, 'sub'));
    copyFileSync(zhaohua, join(dir, 'a.txt'));
    copyFileSync(join(seeds, 'miyi-zfw-2021.txt'), join(dir, 'sub', 'b.txt'));
    writeFileSync(join(dir, 'broken.docx'), Buffer.from('PK\u0003\u0004 truncated'));
    writeFileSync(join(dir, 'ignored.yaml'), 'not a report');
    const fx = recording();
    const code = await run(['audit', dir, '--json', '--jobs', '1'], fx);
    expect(code).toBe(2);
    const files = fx.outLines.map((l) => (JSON.parse(l) as { file: string }).file).sort();
    expect(files).toEqual([join(dir, 'a.txt'), join(dir, 'sub', 'b.txt')]);
    const summary = fx.errLines.join('\n');
    expect(summary).toContain('broken.docx');
  });
  it('an unreadable file gets a Chinese message naming it and exit code 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const bin = join(dir, 'x.pdf');
    writeFileSync(bin, Buffer.from('%PDF-1.7\n garbage'));
    const fx = recording();
    expect(await run(['audit', bin], fx)).toBe(2);
    expect(fx.errLines.join('\n')).toMatch(/x\.pdf/);
    expect(fx.errLines.join('\n')).not.toMatch(/\n\s+at /);
  });
});
