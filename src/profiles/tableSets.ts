/**
 * The published table sets (附表) as data: which tables, in which order, under
 * which titles and numbers (domain.md §1.2). A profile picks one; the table
 * builders (src/report/tables) are keyed by `kind`, so a new province or year
 * is a new list here, not new code.
 *
 * Numbering:
 * - NATIONAL_9 uses the central 公开01表…公开09表 marks (domain.md §1.2 A, §2).
 * - The 四川 sets use 表1…表N. Both 四川 seeds list their tables as a plain
 *   ordinal catalogue in 附表 (一、收入支出决算总表 …), and neither prints a
 *   公开XX表 mark. Reusing the central marks would also mislead: 公开05表 is
 *   一般公共预算财政拨款支出决算表 nationally but 财政拨款支出决算明细表 in 四川,
 *   and 四川 has 13 or 15 tables. The number is data, so a province that does
 *   print 公开XX表 only needs a different list.
 */
import type { TableKind } from '../report/tables/index.js';

export interface TableSetItem {
  kind: TableKind;
  /** Title exactly as the template prints it. */
  title: string;
  /** Table mark printed top-right, e.g. 公开01表 or 表1. */
  number: string;
}

export interface TableSet {
  id: string;
  name: string;
  items: TableSetItem[];
}

const items = (mark: (n: number) => string, list: [TableKind, string][]): TableSetItem[] =>
  list.map(([kind, title], i) => ({ kind, title, number: mark(i + 1) }));

const central = (n: number) => `公开${String(n).padStart(2, '0')}表`;
const sichuan = (n: number) => `表${n}`;

/** domain.md §1.2 A: the central and "standard 9" set (2021 onwards). */
export const NATIONAL_9: TableSet = {
  id: 'national-9',
  name: '部门决算公开表（全国通用9张表）',
  items: items(central, [
    ['totals', '收入支出决算总表'],
    ['income', '收入决算表'],
    ['expense', '支出决算表'],
    ['fiscal-totals', '财政拨款收入支出决算总表'],
    ['general-budget-expense', '一般公共预算财政拨款支出决算表'],
    ['general-budget-basic', '一般公共预算财政拨款基本支出决算明细表'],
    ['gov-fund', '政府性基金预算财政拨款收入支出决算表'],
    ['state-capital-expense', '国有资本经营预算财政拨款支出决算表'],
    ['sangong', '财政拨款“三公”经费支出决算表'],
  ]),
};

/** domain.md §1.2 C: the 四川 单位决算 template (达州渠县 2024, 泸州 2023), 13 tables. */
export const SICHUAN_13: TableSet = {
  id: 'sichuan-13',
  name: '四川省单位决算公开表（13张表）',
  items: items(sichuan, [
    ['totals', '收入支出决算总表'],
    ['income', '收入决算表'],
    ['expense', '支出决算表'],
    ['fiscal-totals', '财政拨款收入支出决算总表'],
    ['fiscal-expense-detail', '财政拨款支出决算明细表'],
    ['general-budget-expense', '一般公共预算财政拨款支出决算表'],
    ['general-budget-expense-detail', '一般公共预算财政拨款支出决算明细表'],
    ['general-budget-basic', '一般公共预算财政拨款基本支出决算明细表'],
    ['general-budget-project', '一般公共预算财政拨款项目支出决算表'],
    ['gov-fund', '政府性基金预算财政拨款收入支出决算表'],
    ['state-capital-income-expense', '国有资本经营预算财政拨款收入支出决算表'],
    ['state-capital-expense', '国有资本经营预算财政拨款支出决算表'],
    ['sangong', '财政拨款“三公”经费支出决算表'],
  ]),
};

/**
 * domain.md §1.2 D: the 四川 部门决算 set of 攀枝花米易 2021, 15 tables, as the
 * seed lists them (its list skips 三; 表3 is 支出决算表 as in every other source).
 */
export const SICHUAN_15: TableSet = {
  id: 'sichuan-15',
  name: '四川省部门决算公开表（15张表）',
  items: items(sichuan, [
    ['totals', '收入支出决算总表'],
    ['income', '收入决算表'],
    ['expense', '支出决算表'],
    ['fiscal-totals', '财政拨款收入支出决算总表'],
    ['fiscal-expense-detail', '财政拨款支出决算明细表'],
    ['general-budget-expense', '一般公共预算财政拨款支出决算表'],
    ['general-budget-expense-detail', '一般公共预算财政拨款支出决算明细表'],
    ['general-budget-basic', '一般公共预算财政拨款基本支出决算表'],
    ['general-budget-project', '一般公共预算财政拨款项目支出决算表'],
    ['general-budget-sangong', '一般公共预算财政拨款“三公”经费支出决算表'],
    ['gov-fund', '政府性基金预算财政拨款收入支出决算表'],
    ['gov-fund-sangong', '政府性基金预算财政拨款“三公”经费支出决算表'],
    ['state-capital-income-expense', '国有资本经营预算财政拨款收入支出决算表'],
    ['state-capital-expense', '国有资本经营预算财政拨款支出决算表'],
    ['operating-assets-procurement', '机关运行经费、资产占用情况及政府采购支出信息表'],
  ]),
};

export const TABLE_SETS: Readonly<Record<string, TableSet>> = {
  [NATIONAL_9.id]: NATIONAL_9,
  [SICHUAN_13.id]: SICHUAN_13,
  [SICHUAN_15.id]: SICHUAN_15,
};
