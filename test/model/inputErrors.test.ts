/** Input mistakes that used to pass silently: duplicate 功能分类 rows, negative amounts, 万元 with too many decimals (in YAML). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { examplesDir } from '../../src/cli/demo.js';
import { computeAccounts, parseDataset } from '../../src/model/index.js';
import { issuesOf } from './issues.js';

const zhaohua = readFileSync(join(examplesDir(), 'zhaohua-zfw-2022.yaml'), 'utf8');
const LINE = '  - { code: "2101101", fund: generalBudget, basic: 10.04, adjustedBudget: 10.04 }';

/** The example as JSON text after `edit` changes its raw form. */
function edited(edit: (raw: Record<string, any>) => void): string {
  const raw = YAML.parse(zhaohua, { schema: 'failsafe' }) as Record<string, any>;
  edit(raw);
  return JSON.stringify(raw);
}


describe('one expenditure row per 功能分类 code × fund', () => {
  it('the same code and fund twice is an error naming both rows', () => {
    expect(zhaohua).toContain(LINE);
    const issues = issuesOf(zhaohua.replace(LINE, `${LINE}\n  - { code: "2101101", fund: generalBudget, basic: 1.00, adjustedBudget: 99.00 }`));
    expect(issues).toEqual([
      {
        path: 'expenditure[3].code',
        message: '功能分类科目 2101101（一般公共预算财政拨款）重复：expenditure[2] 与 expenditure[3] 是同一科目、同一资金来源，应合并为一行',
      },
    ]);
  });
  it('an omitted fund counts as generalBudget', () => {
    const issues = issuesOf(zhaohua.replace(LINE, `${LINE}\n  - { code: "2101101", basic: 1.00 }`));
    expect(issues.map((i) => i.path)).toEqual(['expenditure[3].code']);
  });
  it('the same code under another fund is a row of its own', () => {
    const d = parseDataset(zhaohua.replace(LINE, `${LINE}\n  - { code: "2101101", fund: govFund, basic: 1.00 }`), 'ok.yaml');
    const a = computeAccounts(d);
    expect(a.byFund.govFund.total).toBe(1_000_000n);
    expect(a.byFund.generalBudget.total).toBe(computeAccounts(parseDataset(zhaohua, 'z.yaml')).byFund.generalBudget.total);
  });
});

describe('negative amounts', () => {
  it('are refused with their own message where a figure cannot be negative', () => {
    const issues = issuesOf(zhaohua.replace('generalBudget: 1193.39', 'generalBudget: -1193.39'));
    expect(issues).toContainEqual({
      path: 'income.generalBudget',
      message: '金额“-1193.39”为负数，此项不能为负数（只有结余分配和非财政拨款的结转和结余可以为负数）',
    });
    expect(issuesOf(zhaohua.replace(LINE, LINE.replace('basic: 10.04', 'basic: -10.04'))).map((i) => i.path)).toEqual(['expenditure[2].basic']);
  });
  it('are allowed for 结余分配 and the non-fiscal 结转和结余, and in their 上年 figures', () => {
    const text = edited((raw) => {
      raw.balanceDistribution = '-1.00';
      raw.openingBalance = { ...raw.openingBalance, nonFiscal: '-2.00' };
      raw.prior['balance.distribution'] = '-3.00';
    });
    const d = parseDataset(text, 'ok.json');
    expect(d.balanceDistribution!.fen).toBe(-1_000_000n);
    expect(d.openingBalance.nonFiscal!.fen).toBe(-2_000_000n);
    expect(d.prior['balance.distribution']).toEqual({ fen: -3_000_000n, precision: 10_000n });
  });
  it('a fiscal 结转和结余 cannot be negative', () => {
    const text = edited((raw) => {
      raw.closingBalance = { ...raw.closingBalance, generalBudget: '-1.00' };
    });
    expect(issuesOf(text, 'bad.json').map((i) => i.path)).toEqual(['closingBalance.generalBudget']);
  });
});

describe('万元 amounts with more than two decimals', () => {
  it('are refused, with the 元 spelling that keeps the exact figure', () => {
    const issues = issuesOf(zhaohua.replace(LINE, LINE.replace('adjustedBudget: 10.04', 'adjustedBudget: 10.045')));
    expect(issues).toEqual([
      {
        path: 'expenditure[2].adjustedBudget',
        message: '金额“10.045”有3位小数：以万元为单位的金额最多2位小数（公开报告保留两位）；如需精确到元或分，请以元为单位填写，如“100450.00元”',
      },
    ]);
  });
  it('count the decimals written, zeros included, and 万元 written in a 元 dataset too', () => {
    expect(issuesOf(zhaohua.replace('generalBudget: 1193.39', 'generalBudget: 1193.390000'))[0]!.message).toMatch(/^金额“1193\.390000”有6位小数/);
    const yuan = zhaohua.replace(/^moneyUnit: 万元$/m, 'moneyUnit: 元').replace('generalBudget: 1193.39', 'generalBudget: 1.234万元');
    expect(issuesOf(yuan).find((i) => i.path === 'income.generalBudget')!.message).toMatch(/^金额“1\.234万元”有3位小数/);
  });
  it('JSON, the machine-written form (our open-data export), may state exact 万元 with up to six decimals', () => {
    const text = edited((raw) => {
      raw.income.generalBudget = '1193.390001';
    });
    expect(parseDataset(text, 'export.json').income.generalBudget).toEqual({ fen: 1_193_390_001n, precision: 1n });
    // The same figure typed into YAML is refused.
    expect(issuesOf(zhaohua.replace('generalBudget: 1193.39', 'generalBudget: 1193.390001'))[0]!.message).toMatch(/^金额“1193\.390001”有6位小数/);
  });
  it('元 figures keep two decimals, and 万元 two are fine', () => {
    const d = parseDataset(zhaohua.replace('generalBudget: 1193.39', 'generalBudget: 11933900.01元'), 'ok.yaml');
    expect(d.income.generalBudget).toEqual({ fen: 1_193_390_001n, precision: 1n });
  });
});
