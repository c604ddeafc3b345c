import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_FORMATS, examplesDir } from '../../src/cli/demo.js';
import { nodeEffects, type Effects } from '../../src/app/effects.js';
import { run } from '../../src/cli/main.js';

/** Real file effects, but printed lines are recorded. */
function recording(): Effects & { outLines: string[]; errLines: string[] } {
  const outLines: string[] = [];
  const errLines: string[] = [];
  return { ...nodeEffects, out: (l) => outLines.push(l), err: (l) => errLines.push(l), outLines, errLines };
}

/** The complete example renders final; the seed reconstructions are drafts (the seeds lack some figures). */
const example = join(examplesDir(), 'qingjiang-cdc-2024.yaml');
const seedExample = join(examplesDir(), 'zhaohua-zfw-2022.yaml');

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
    expect(fx.outLines).toEqual(['html', 'docx', 'txt'].map((e) => join(out, `qingjiang-cdc-2024.${e}`)));
    const text = readFileSync(join(out, 'qingjiang-cdc-2024.txt'), 'utf8');
    expect(text).toContain('2024年度收、支总计');
    expect(text).not.toContain('草稿');
    expect(text).not.toContain('【待补充');
    expect(readFileSync(join(out, 'qingjiang-cdc-2024.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  });
  it('render --profile national names the file after the profile', async () => {
    const out = mkdtempSync(join(tmpdir(), 'render-'));
    const fx = recording();
    expect(await run(['render', example, '-o', out, '-f', 'txt', '-p', 'national'], fx)).toBe(0);
    expect(readFileSync(join(out, 'qingjiang-cdc-2024.national.txt'), 'utf8')).toContain('十三、其他需要说明的情况');
  });
  it('demo renders every example: the complete one final, the seed reconstructions as drafts with what they lack', async () => {
    const out = mkdtempSync(join(tmpdir(), 'demo-'));
    const fx = recording();
    expect(await run(['demo', '-o', out], fx)).toBe(0);
    const names = ['miyi-zfw-2021', 'qingjiang-cdc-2024', 'zhaohua-zfw-2022'];
    expect(readdirSync(out).sort()).toEqual(names.flatMap((n) => DEMO_FORMATS.map((f) => `${n}.${f}`)).sort());
    const said = fx.outLines.join('\n');
    expect(said).toContain('qingjiang-cdc-2024.yaml：正式报告（通过审核）');
    expect(said).toContain('zhaohua-zfw-2022.yaml：草稿（每页标注“草稿（未通过审核/待补充）”）');
    expect(said).toMatch(/正式报告还需补齐或改正以下 \d+ 项：\n {4}\[ST2-todo\]/);
    expect(readFileSync(join(out, 'miyi-zfw-2021.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(join(out, 'qingjiang-cdc-2024.html'), 'utf8')).not.toContain('草稿（');
    expect(readFileSync(join(out, 'zhaohua-zfw-2022.html'), 'utf8')).toContain('草稿（未通过审核/待补充）');
  });
  it('a missing file is a clear error with exit code 2, no stack trace', async () => {
    const fx = recording();
    expect(await run(['render', '/nonexistent/unit.yaml', '-o', tmpdir()], fx)).toBe(2);
    expect(fx.errLines).toEqual(['错误：无法读取数据文件 /nonexistent/unit.yaml：文件不存在']);
  });
  it('a broken dataset names the file and field, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-'));
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(example, 'utf8').replace('generalBudget: 2367.34', 'generalBudget: 23,67'));
    const out = join(dir, 'out');
    const fx = recording();
    expect(await run(['render', bad, '-o', out], fx)).toBe(2);
    expect(fx.errLines.join('\n')).toContain(`数据文件 ${bad} 有 1 处错误`);
    expect(fx.errLines.join('\n')).toContain('income.generalBudget：无法识别金额“23,67”：千分位逗号位置不对');
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
    // 人员经费 1 元 off (850.2201 万元, written in 元: a 万元 figure has two decimals at most): X3 fails
    writeFileSync(file, readFileSync(example, 'utf8').replace('personnel: 850.22', 'personnel: 8502201元'));
    return { dir, file };
  };
  it('a clean example: summary in Chinese, exit 0', async () => {
    const fx = recording();
    expect(await run(['check', example], fx)).toBe(0);
    expect(fx.outLines[0]).toMatch(/^审核 .*qingjiang-cdc-2024\.yaml（规则包 [\d.]+，共 \d+ 条规则）$/);
    expect(fx.outLines[1]).toMatch(/^通过 \d+，未通过 \d+，不适用 \d+，数据不足 \d+$/);
  });
  it('a broken copy: exit 1, points at the field with expected vs stated', async () => {
    const { file } = broken();
    const fx = recording();
    expect(await run(['check', file], fx)).toBe(1);
    const text = fx.outLines.join('\n');
    expect(text).toContain('错误（1）：');
    expect(text).toContain('[X3] 人员经费与公用经费合计1263.3401万元，不等于一般公共预算财政拨款基本支出1263.34万元，相差0.0001万元');
    expect(text).toContain('位置：basicExpense.personnel');
    expect(text).toContain('应为：1263.34万元　实际：1263.3401万元　容差：0.00万元');
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
    expect(x3).toMatchObject({ severity: 'error', expected: '1263.34', stated: '1263.3401', difference: '0.0001', tolerance: '0.00', location: 'basicExpense.personnel' });
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
    expect(fx.errLines.join('\n')).toContain('不能生成正式报告：以下 1 项需要补齐或改正');
    expect(fx.errLines.join('\n')).toContain('[X3]');
    expect(existsSync(out)).toBe(false);
  });
  it('render --draft (or --force) writes a draft marked on every page and says what is missing', async () => {
    for (const flag of ['--draft', '--force']) {
      const { dir, file } = broken();
      const out = join(dir, 'out');
      const fx = recording();
      expect(await run(['render', file, '-o', out, '-f', 'html,txt', flag], fx)).toBe(0);
      expect(readFileSync(join(out, 'broken.txt'), 'utf8').split('\n')[0]).toBe('草稿（未通过审核/待补充）');
      expect(readFileSync(join(out, 'broken.html'), 'utf8')).toContain('草稿（未通过审核/待补充）');
      expect(fx.errLines.join('\n')).toContain('正式报告还需补齐或改正以下 1 项：\n  [X3]');
    }
  });
  it('a placeholder keeps a report from being final: the seed reconstruction is refused, then drafted', async () => {
    const out = mkdtempSync(join(tmpdir(), 'seed-'));
    const fx = recording();
    expect(await run(['check', seedExample], fx)).toBe(1);
    expect(fx.outLines.join('\n')).toContain('[ST2-todo]');
    expect(await run(['render', seedExample, '-o', out, '-f', 'txt'], fx)).toBe(1);
    expect(readdirSync(out)).toEqual([]);
    expect(await run(['render', seedExample, '-o', out, '-f', 'txt', '--draft'], fx)).toBe(0);
    expect(readFileSync(join(out, 'zhaohua-zfw-2022.txt'), 'utf8')).toMatch(/^草稿（未通过审核\/待补充）\n[\s\S]*【待补充：/);
  });
  it('the report read back: a template leftover in the unit\'s own text blocks a final report (ST3-readback); check reads back with --read-back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'readback-'));
    const file = join(dir, 'unit.yaml');
    // The unit's 自评报告 text carries a template leftover the rule pack cannot see, but a reader can.
    writeFileSync(file, readFileSync(example, 'utf8').replace(/(report:\n\s+\S+: )(.+)/u, '$1（此处填写项目名称）$2'));
    // Plain check is the pack from facts: it passes, and says the report was not read back.
    const plain = recording();
    expect(await run(['check', file], plain)).toBe(0);
    expect(plain.outLines.join('\n')).toContain('加 --read-back 可先行审读');
    const fx = recording();
    expect(await run(['check', '--read-back', file], fx)).toBe(1);
    expect(fx.outLines.join('\n')).toMatch(/\[ST3-readback\] 审读生成的报告：\[TX-template\] 报告中留有模板说明文字“（此处填写项目名称）”/);
    expect(await run(['render', file, '-o', join(dir, 'out'), '-f', 'txt'], fx)).toBe(1);
  });
});
