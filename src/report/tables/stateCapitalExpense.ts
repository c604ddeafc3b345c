/**
 * 国有资本经营预算财政拨款支出决算表 (domain.md §2.8): 功能分类 类/款/项 rows,
 * 本年支出 合计 | 基本支出 | 项目支出. Usually empty, with its note.
 */
import type { TableBlock } from '../tree.js';
import {
  codeTree, emptyNote, fenOf, frame, functionalHeader, functionalRows, head, lineTotal, moneyCells, totalLabel,
  type Col, type TableContext,
} from './common.js';

const SC = { fund: 'state_capital' };

export function buildStateCapitalExpense(ctx: TableContext): TableBlock {
  const { a, d } = ctx;
  const cols: Col[] = [
    { concept: 'expense.state_capital' },
    { concept: 'expense.basic', dims: SC },
    { concept: 'expense.project', dims: SC },
  ];
  const view = a.byFund.stateCapital;
  const rows = codeTree(d.expenditure.filter((l) => l.fund === 'stateCapital')
    .map((l) => ({ code: l.code, values: [lineTotal(l), fenOf(l.basic), fenOf(l.project)] })));
  const none = view.total === 0n && rows.every((r) => r.values.every((v) => v === 0n));
  return frame(ctx, {
    header: functionalHeader([head('本年支出', { colSpan: 3 })], [head('合计'), head('基本支出'), head('项目支出')]),
    body: [
      [totalLabel(), ...moneyCells(ctx, cols, [view.total, view.basic, view.project])],
      ...functionalRows(ctx, cols, rows),
    ],
    notes: [none && emptyNote(ctx, '国有资本经营预算财政拨款支出')],
  });
}
