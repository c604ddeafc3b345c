/** 政府性基金预算财政拨款收入支出决算表: see fundIncomeExpense.ts. */
import type { TableBlock } from '../tree.js';
import type { TableContext } from './common.js';
import { buildFundIncomeExpense } from './fundIncomeExpense.js';

export function buildGovFund(ctx: TableContext): TableBlock {
  return buildFundIncomeExpense(ctx, 'govFund');
}
