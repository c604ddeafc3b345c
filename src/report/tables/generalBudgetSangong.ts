/** 一般公共预算财政拨款“三公”经费支出决算表 (四川 15表 之10): see sangong.ts. */
import type { TableBlock } from '../tree.js';
import type { TableContext } from './common.js';
import { buildSangongTable } from './sangong.js';

export function buildGeneralBudgetSangong(ctx: TableContext): TableBlock {
  return buildSangongTable(ctx, 'generalBudget');
}
