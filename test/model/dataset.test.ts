import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { examplesDir } from '../../src/cli/demo.js';
import { computeAccounts, DatasetError, parseDataset } from '../../src/model/index.js';
import { formatWan } from '../../src/money/index.js';
import { issuesOf } from './issues.js';

const zhaohua = readFileSync(join(examplesDir(), 'zhaohua-zfw-2022.yaml'), 'utf8');


describe('reading a dataset', () => {
  it('keeps amounts exactly as typed, with their precision', () => {
    const d = parseDataset(zhaohua, 'zhaohua.yaml');
    expect(d.income.generalBudget).toEqual({ fen: 1_193_390_000n, precision: 10_000n });
    expect(d.expenditure.find((l) => l.code === '2040202')!.project).toEqual({ fen: 580_000_000n, precision: 1_000_000n });
  });
  it('reads 元 amounts written with their unit', () => {
    const d = parseDataset(readFileSync(join(examplesDir(), 'miyi-zfw-2021.yaml'), 'utf8'), 'miyi.yaml');
    const a = computeAccounts(d);
    expect(a.expense.basic).toBe(414_670_119n);
    expect(a.expense.project).toBe(1_237_874_754n);
    expect(formatWan(a.incomeTotal)).toBe('1652.54');
    expect(a.incomeTotal).toBe(a.expense.total);
  });
  it('reads the same dataset from JSON', () => {
    const json = JSON.stringify({
      format: 'juesuan-dataset/1', year: 2022,
      unit: {
        name: '测试单位', shortName: '测试', region: { province: '四川省' }, level: '单位', kind: '行政', duties: ['职责'],
        organisation: {}, staffing: { authorized: { 行政: 3 }, actual: { 行政: 3 } },
      },
      income: { generalBudget: '100.00' },
      expenditure: [{ code: '2010101', basic: 100 }],
      basicExpense: {}, sangong: { budget: {}, actual: {} }, procurement: {}, assets: {},
    });
    const d = parseDataset(json, 'unit.json');
    expect(d.expenditure[0]!.basic!.fen).toBe(100_000_000n);
    expect(d.unit.staffing.authorized.行政).toBe(3);
  });
});

describe('bad datasets get Chinese errors that name the field', () => {
  it('an amount that is not a number names its path', () => {
    const issues = issuesOf(zhaohua.replace('generalBudget: 1193.39', 'generalBudget: 一千'));
    expect(issues).toContainEqual({ path: 'income.generalBudget', message: '无法识别金额“一千”：不是有效的数字' });
  });
  it('a functional code of the wrong length names the row', () => {
    const issues = issuesOf(zhaohua.replace('code: "2101101"', 'code: "21011"'));
    expect(issues).toContainEqual({ path: 'expenditure[2].code', message: '功能分类科目编码（项级）应为7位数字，实际为“21011”' });
  });
  it('a misspelt key is reported, not ignored', () => {
    const issues = issuesOf(zhaohua.replace('operatingCost: 267.14', 'operatingCosts: 267.14'));
    expect(issues.some((i) => i.path === '' && i.message.includes('operatingCosts'))).toBe(true);
  });
  it('an unknown unit kind lists the allowed ones', () => {
    const issues = issuesOf(zhaohua.replace('kind: 行政\n', 'kind: 企业\n'));
    expect(issues).toContainEqual({ path: 'unit.kind', message: '应为“行政”“参公”或“事业”' });
  });
  it('a prior-year figure for an unknown concept is named', () => {
    const issues = issuesOf(zhaohua.replace('total.expense: 577.74', 'total.outgo: 577.74'));
    expect(issues).toContainEqual({ path: 'prior.total.outgo', message: '未知的指标“total.outgo”' });
  });
  it('a count that is not a whole number is refused', () => {
    const issues = issuesOf(zhaohua.replace('batches: 233', 'batches: 233.5'));
    expect(issues).toContainEqual({ path: 'sangong.reception.domestic.batches', message: '应为非负整数，实际为“233.5”' });
  });
  it('a missing required section is named in Chinese', () => {
    const issues = issuesOf(zhaohua.replace(/\nincome:\n {2}generalBudget: 1193.39\n/, '\n'));
    expect(issues.find((i) => i.path === 'income')?.message).toBe('缺少此项（必填）');
  });
  it('broken YAML gives the line and column', () => {
    const issues = issuesOf('format: juesuan-dataset/1\nyear: [2022\n');
    expect(issues[0]!.message).toMatch(/^YAML 格式错误（第\d+行第\d+列）/);
  });
  it('an empty file or a list is refused as a whole', () => {
    expect(issuesOf('   ')[0]!.message).toBe('文件为空');
    expect(issuesOf('- a\n- b\n')[0]!.message).toBe('文件内容应为一个对象（键: 值）');
  });
  it('the error message names the file', () => {
    expect(() => parseDataset('year: x', 'units/a.yaml')).toThrow(/数据文件 units\/a\.yaml 有 \d+ 处错误/);
  });
  it('hostile text never crashes the reader: only DatasetError comes out', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        try {
          parseDataset(s, 'fuzz.yaml');
        } catch (e) {
          expect(e).toBeInstanceOf(DatasetError);
        }
      }),
      { numRuns: 300 },
    );
  });
  it('mutating the example text yields a dataset or a DatasetError, nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: zhaohua.length - 1 }), fc.string({ maxLength: 5 }), (pos, ins) => {
        const mutated = zhaohua.slice(0, pos) + ins + zhaohua.slice(pos + 1);
        try {
          parseDataset(mutated, 'fuzz.yaml');
        } catch (e) {
          expect(e).toBeInstanceOf(DatasetError);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('defaults are fresh objects for every parse', () => {
  it('changing one parsed dataset never changes another', () => {
    const raw = YAML.parse(readFileSync(join(examplesDir(), 'zhaohua-zfw-2022.yaml'), 'utf8'), { schema: 'failsafe' }) as Record<string, unknown>;
    delete raw['reasons'];
    delete (raw['evaluations'] as Record<string, unknown>[])[0]!['problems'];
    const text = JSON.stringify(raw);
    const a = parseDataset(text, 'a.json');
    const b = parseDataset(text, 'b.json');
    a.reasons.vsPrior['x'] = 'changed';
    a.evaluations[0]!.problems.push('changed');
    expect(b.reasons.vsPrior['x']).toBeUndefined();
    expect(b.evaluations[0]!.problems).not.toContain('changed');
  });
});
