import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examplesDir } from '../../src/cli/demo.js';
import { nodeEffects, type Effects } from '../../src/cli/effects.js';
import { run } from '../../src/cli/main.js';

/** Real file effects, but printed lines are recorded. */
function recording(): Effects & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { ...nodeEffects, out: (l) => outLines.push(l), err: (l) => errLines.push(l), outLines, errLines };
}

const example = join(examplesDir(), 'zhaohua-zfw-2022.yaml');

describe('juesuan command line', () => {
  it('--help lists the commands in Chinese', async () => {
    const fx = recording();
    expect(await run(['--help'], fx)).toBe(0);
    expect(fx.outLines.join('\n')).toMatch(/render \[options\] <dataset>.*决算公开报告/s);
  });
  it('render writes HTML, DOCX and text and prints the paths', async () => {
    const out = mkdtempSync(join(tmpdir(), 'render-'));
    const fx = recording();
    expect(await run(['render', example, '-o', out, '--format', 'html,docx,txt'], fx)).toBe(0);
    expect(fx.outLines).toEqual(['html', 'docx', 'txt'].map((e) => join(out, `zhaohua-zfw-2022.${e}`)));
    expect(readFileSync(join(out, 'zhaohua-zfw-2022.txt'), 'utf8')).toContain('2022年度收、支总计1193.39万元');
    expect(readFileSync(join(out, 'zhaohua-zfw-2022.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  });
  it('render --profile national names the file after the profile', async () => {
    const out = mkdtempSync(join(tmpdir(), 'render-'));
    const fx = recording();
    expect(await run(['render', example, '-o', out, '-f', 'txt', '-p', 'national'], fx)).toBe(0);
    expect(readFileSync(join(out, 'zhaohua-zfw-2022.national.txt'), 'utf8')).toContain('十三、其他需要说明的情况');
  });
  it('demo renders every example into the chosen folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'demo-'));
    const fx = recording();
    expect(await run(['demo', '-o', out], fx)).toBe(0);
    expect(fx.outLines.map((p) => p.slice(out.length + 1)).sort()).toEqual([
      'miyi-zfw-2021.docx', 'miyi-zfw-2021.html', 'zhaohua-zfw-2022.docx', 'zhaohua-zfw-2022.html',
    ]);
  });
  it('a missing file is a clear error with exit code 2, no stack trace', async () => {
    const fx = recording();
    expect(await run(['render', '/nonexistent/unit.yaml', '-o', tmpdir()], fx)).toBe(2);
    expect(fx.errLines).toEqual(['错误：无法读取数据文件 /nonexistent/unit.yaml：文件不存在']);
  });
  it('a broken dataset names the file and field, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(example, 'utf8').replace('generalBudget: 1193.39', 'generalBudget: 12,34'));
    const out = join(dir, 'out');
    const fx = recording();
    expect(await run(['render', bad, '-o', out], fx)).toBe(2);
    expect(fx.errLines.join('\n')).toContain(`数据文件 ${bad} 有 1 处错误`);
    expect(fx.errLines.join('\n')).toContain('income.generalBudget：无法识别金额“12,34”：千分位逗号位置不对');
    expect(existsSync(out)).toBe(false);
  });
  it('an unknown format or profile is refused before anything is written', async () => {
    const fx = recording();
    expect(await run(['render', example, '-f', 'html,pptx'], fx)).toBe(2);
    expect(fx.errLines[0]).toBe('错误：不支持的输出格式：pptx（可用：html, docx, txt）');
    expect(await run(['render', example, '-p', 'hainan'], fx)).toBe(2);
    expect(fx.errLines[1]).toBe('错误：未知的模板“hainan”（--profile）；可用：sichuan, national');
  });
  it('an unknown command exits 2', async () => {
    const fx = recording();
    expect(await run(['frobnicate'], fx)).toBe(2);
  });
});
