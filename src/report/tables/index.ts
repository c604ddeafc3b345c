/**
 * The published 决算公开表 (附表): one builder per table kind, all computed
 * from the same Accounts view so the cross-table identities of domain.md §2
 * hold by construction. Which tables, in which order, under which titles and
 * numbers is data (src/profiles/tableSets.ts). Pure: no Node imports.
 */
import type { Accounts, Dataset } from '../../model/index.js';
import type { TableSet, TableSetItem } from '../../profiles/tableSets.js';
import type { TableBlock } from '../tree.js';
import { tableContext, type TableContext } from './common.js';
import { buildExpense } from './expense.js';
import { buildFiscalExpenseDetail } from './fiscalExpenseDetail.js';
import { buildFiscalTotals } from './fiscalTotals.js';
import { buildGeneralBudgetBasic } from './generalBudgetBasic.js';
import { buildGeneralBudgetExpense } from './generalBudgetExpense.js';
import { buildGeneralBudgetExpenseDetail } from './generalBudgetExpenseDetail.js';
import { buildGeneralBudgetProject } from './generalBudgetProject.js';
import { buildGeneralBudgetSangong } from './generalBudgetSangong.js';
import { buildGovFund } from './govFund.js';
import { buildGovFundSangong } from './govFundSangong.js';
import { buildIncome } from './income.js';
import { buildOperatingAssetsProcurement } from './operatingAssetsProcurement.js';
import { buildSangong } from './sangong.js';
import { buildStateCapitalExpense } from './stateCapitalExpense.js';
import { buildStateCapitalIncomeExpense } from './stateCapitalIncomeExpense.js';
import { buildTotals } from './totals.js';

export type TableKind =
  /** 收入支出决算总表 */
  | 'totals'
  /** 收入决算表 */
  | 'income'
  /** 支出决算表 */
  | 'expense'
  /** 财政拨款收入支出决算总表 */
  | 'fiscal-totals'
  /** 财政拨款支出决算明细表 (四川) */
  | 'fiscal-expense-detail'
  /** 一般公共预算财政拨款支出决算表 */
  | 'general-budget-expense'
  /** 一般公共预算财政拨款支出决算明细表 (四川) */
  | 'general-budget-expense-detail'
  /** 一般公共预算财政拨款基本支出决算(明细)表 */
  | 'general-budget-basic'
  /** 一般公共预算财政拨款项目支出决算表 (四川) */
  | 'general-budget-project'
  /** 一般公共预算财政拨款“三公”经费支出决算表 (四川 15) */
  | 'general-budget-sangong'
  /** 政府性基金预算财政拨款收入支出决算表 */
  | 'gov-fund'
  /** 政府性基金预算财政拨款“三公”经费支出决算表 (四川 15) */
  | 'gov-fund-sangong'
  /** 国有资本经营预算财政拨款收入支出决算表 */
  | 'state-capital-income-expense'
  /** 国有资本经营预算财政拨款支出决算表 */
  | 'state-capital-expense'
  /** 财政拨款“三公”经费支出决算表 */
  | 'sangong'
  /** 机关运行经费、资产占用情况及政府采购支出信息表 (四川 15) */
  | 'operating-assets-procurement';

const BUILDERS: Record<TableKind, (ctx: TableContext) => TableBlock> = {
  'totals': buildTotals,
  'income': buildIncome,
  'expense': buildExpense,
  'fiscal-totals': buildFiscalTotals,
  'fiscal-expense-detail': buildFiscalExpenseDetail,
  'general-budget-expense': buildGeneralBudgetExpense,
  'general-budget-expense-detail': buildGeneralBudgetExpenseDetail,
  'general-budget-basic': buildGeneralBudgetBasic,
  'general-budget-project': buildGeneralBudgetProject,
  'general-budget-sangong': buildGeneralBudgetSangong,
  'gov-fund': buildGovFund,
  'gov-fund-sangong': buildGovFundSangong,
  'state-capital-income-expense': buildStateCapitalIncomeExpense,
  'state-capital-expense': buildStateCapitalExpense,
  'sangong': buildSangong,
  'operating-assets-procurement': buildOperatingAssetsProcurement,
};

export const TABLE_KINDS = Object.keys(BUILDERS) as TableKind[];

export function buildTable(item: TableSetItem, d: Dataset, a: Accounts): TableBlock {
  return BUILDERS[item.kind](tableContext(item, d, a));
}

export function buildTables(set: TableSet, d: Dataset, a: Accounts): TableBlock[] {
  return set.items.map((item) => buildTable(item, d, a));
}
