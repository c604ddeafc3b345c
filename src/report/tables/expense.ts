/**
 * 支出决算表 (domain.md §2.3): 功能分类 类/款/项 rows, columns 本年支出合计 |
 * 基本支出 | 项目支出 | 上缴上级支出 | 经营支出 | 对附属单位补助支出. A 合计 row
 * first; 款 and 类 rows are sums of the 项 lines (all funds).
 */
import type { TableBlock } from '../tree.js';
import {
  codeTree, fenOf, frame, functionalHeader, functionalRows, head, lineTotal, moneyCells, totalLabel,
  type Col, type TableContext,
} from './common.js';

const COLS: readonly Col[] = [
  { concept: 'expense.total' },
  { concept: 'expense.basic' },
  { concept: 'expense.project' },
  { concept: 'expense.remit' },
  { concept: 'expense.operating' },
  { concept: 'expense.affiliate_subsidy' },
];
const LABELS = ['本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'];

export function buildExpense(ctx: TableContext): TableBlock {
  const { a, d } = ctx;
  const e = a.expense;
  const rows = codeTree(d.expenditure.map((l) => ({
    code: l.code,
    values: [lineTotal(l), fenOf(l.basic), fenOf(l.project), fenOf(l.remit), fenOf(l.operating), fenOf(l.affiliateSubsidy)],
  })));
  return frame(ctx, {
    header: functionalHeader(LABELS.map((l) => head(l, { rowSpan: 2 })), []),
    body: [
      [totalLabel(), ...moneyCells(ctx, COLS, [e.total, e.basic, e.project, e.remit, e.operating, e.affiliateSubsidy])],
      ...functionalRows(ctx, COLS, rows),
    ],
    notes: [e.total === 0n && rows.length === 0 && `${ctx.self}${ctx.year}年度无支出，故本表为空表。`],
  });
}
