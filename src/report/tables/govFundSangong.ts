/** 政府性基金预算财政拨款“三公”经费支出决算表 (四川 15表 之12): see sangong.ts. */
import type { TableBlock } from '../tree.js';
import type { TableContext } from './common.js';
import { buildSangongTable } from './sangong.js';

export function buildGovFundSangong(ctx: TableContext): TableBlock {
  return buildSangongTable(ctx, 'govFund');
}
