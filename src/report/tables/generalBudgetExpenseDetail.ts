/** 一般公共预算财政拨款支出决算明细表 (四川 表7): see expenseDetail.ts. */
import type { TableBlock } from '../tree.js';
import type { TableContext } from './common.js';
import { buildExpenseDetail } from './expenseDetail.js';

export function buildGeneralBudgetExpenseDetail(ctx: TableContext): TableBlock {
  return buildExpenseDetail(ctx, 'generalBudget');
}
