/** 财政拨款支出决算明细表 (四川 表5): see expenseDetail.ts. */
import type { TableBlock } from '../tree.js';
import type { TableContext } from './common.js';
import { buildExpenseDetail } from './expenseDetail.js';

export function buildFiscalExpenseDetail(ctx: TableContext): TableBlock {
  return buildExpenseDetail(ctx, 'fiscal');
}
