import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_FORMATS, examplesDir } from '../../src/cli/demo.js';
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
    expect(fx.outLines.join('\n')).toMatch(/render \[options\] <datasets\.\.\.>.*决算公开报告/s);
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
    expect(fx.outLines.map((p) => p.slice(out.length + 1)).sort()).toEqual(
      ['miyi-zfw-2021', 'zhaohua-zfw-2022'].flatMap((n) => DEMO_FORMATS.map((f) => `${n}.${f}`)).sort(),
    );
    expect(readFileSync(join(out, 'miyi-zfw-2021.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
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
    expect(fx.errLines[0]).toBe('错误：不支持的输出格式：pptx（可用：html, docx, txt, json, pdf, xlsx）');
    expect(await run(['render', example, '-p', 'hainan'], fx)).toBe(2);
    expect(fx.errLines[1]).toBe('错误：未知的模板“hainan”（--profile）；可用：sichuan, national');
  });
  it('an unknown command exits 2', async () => {
    const fx = recording();
    expect(await run(['frobnicate'], fx)).toBe(2);
  });
});

describe('juesuan check and the render gate', () => {
  const broken = () => {
    const dir = mkdtempSync(join(tmpdir(), 'broken-'));
    const file = join(dir, 'broken.yaml');
    // 人员经费 1 元 off (251.7401 万元, written in 元: a 万元 figure has two decimals at most): X3 fails
    writeFileSync(file, readFileSync(example, 'utf8').replace('personnel: 251.74', 'personnel: 2517401元'));
    return { dir, file };
  };
  it('a clean example: summary in Chinese, exit 0', async () => {
    const fx = recording();
    expect(await run(['check', example], fx)).toBe(0);
    expect(fx.outLines[0]).toMatch(/^审核 .*zhaohua-zfw-2022\.yaml（规则包 [\d.]+，共 \d+ 条规则）$/);
    expect(fx.outLines[1]).toMatch(/^通过 \d+，未通过 \d+，不适用 \d+，数据不足 \d+$/);
  });
  it('a broken copy: exit 1, points at the field with expected vs stated', async () => {
    const { file } = broken();
    const fx = recording();
    expect(await run(['check', file], fx)).toBe(1);
    const text = fx.outLines.join('\n');
    expect(text).toContain('错误（1）：');
    expect(text).toContain('[X3] 人员经费与公用经费合计613.3901万元，不等于一般公共预算财政拨款基本支出613.39万元，相差0.0001万元');
    expect(text).toContain('位置：basicExpense.personnel');
    expect(text).toContain('应为：613.39万元　实际：613.3901万元　容差：0.00万元');
  });
  it('--json prints one object with the contract field names', async () => {
    const { file } = broken();
    const fx = recording();
    expect(await run(['check', file, '--json'], fx)).toBe(1);
    expect(fx.outLines).toHaveLength(1);
    const o = JSON.parse(fx.outLines[0]!);
    expect(Object.keys(o)).toEqual(['dataset', 'rulesVersion', 'summary', 'findings']);
    expect(Object.keys(o.summary)).toEqual(['rules', 'pass', 'fail', 'notApplicable', 'insufficientData']);
    const x3 = o.findings.find((f: { rule: string }) => f.rule === 'X3');
    expect(x3).toMatchObject({ severity: 'error', expected: '613.39', stated: '613.3901', difference: '0.0001', tolerance: '0.00', location: 'basicExpense.personnel' });
  });
  it('unusable input exits 2', async () => {
    const fx = recording();
    expect(await run(['check', '/nonexistent.yaml'], fx)).toBe(2);
  });
  it('render refuses a dataset with errors (exit 1, findings printed, nothing written)', async () => {
    const { dir, file } = broken();
    const out = join(dir, 'out');
    const fx = recording();
    expect(await run(['render', file, '-o', out], fx)).toBe(1);
    expect(fx.errLines.join('\n')).toContain('未通过审核，未生成报告');
    expect(fx.errLines.join('\n')).toContain('[X3]');
    expect(existsSync(out)).toBe(false);
  });
  it('render --force writes a draft marked on every page', async () => {
    const { dir, file } = broken();
    const out = join(dir, 'out');
    const fx = recording();
    expect(await run(['render', file, '-o', out, '-f', 'html,txt', '--force'], fx)).toBe(0);
    expect(readFileSync(join(out, 'broken.txt'), 'utf8').split('\n')[0]).toBe('草稿（未通过审核）');
    expect(readFileSync(join(out, 'broken.html'), 'utf8')).toContain('草稿（未通过审核）');
  });
});
