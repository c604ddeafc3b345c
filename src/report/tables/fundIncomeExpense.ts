/**
 * 政府性基金 / 国有资本经营 预算财政拨款收入支出决算表 (domain.md §2.7, §2.8):
 * 功能分类 类/款/项 rows; columns 年初结转和结余 | 本年收入 | 本年支出 (小计 |
 * 基本支出 | 项目支出) | 年末结转和结余; row identity 年末 = 年初 + 收入 − 支出.
 *
 * The dataset gives this fund's balances and income as totals only. By code
 * they are exactly implied when both balances are zero and income equals
 * spending (closing = opening + income − expense per code, no balance below
 * zero, so every code's balances are zero and its income is its spending);
 * otherwise those three columns print — on the code rows, with a note.
 */
import type { TableBlock } from '../tree.js';
import {
  codeTree, emptyNote, fenOf, frame, functionalHeader, functionalRows, fundIdle, head, lineTotal, moneyCells, totalLabel,
  type Col, type TableContext, type Val,
} from './common.js';

export type BudgetFund = 'govFund' | 'stateCapital';

export const FUND_TEXT: Record<BudgetFund, { name: string; dim: string; income: string; expense: string }> = {
  govFund: { name: '政府性基金预算财政拨款', dim: 'gov_fund', income: 'income.gov_fund', expense: 'expense.gov_fund' },
  stateCapital: { name: '国有资本经营预算财政拨款', dim: 'state_capital', income: 'income.state_capital', expense: 'expense.state_capital' },
};

export function buildFundIncomeExpense(ctx: TableContext, fund: BudgetFund): TableBlock {
  const { a, d } = ctx;
  const t = FUND_TEXT[fund];
  const dims = { fund: t.dim };
  const cols: Col[] = [
    { concept: 'balance.opening', dims },
    { concept: t.income },
    { concept: t.expense },
    { concept: 'expense.basic', dims },
    { concept: 'expense.project', dims },
    { concept: 'balance.closing', dims },
  ];
  const view = a.byFund[fund];
  const opening = a.openingBalance[fund];
  const closing = a.closingBalance[fund];
  const income = a.income[fund];
  const byCode = opening === 0n && closing === 0n && income === view.total;
  const rows = codeTree(d.expenditure.filter((l) => l.fund === fund).map((l) => {
    const total = lineTotal(l);
    const values: Val[] = [byCode ? 0n : undefined, byCode ? total : undefined, total, fenOf(l.basic), fenOf(l.project), byCode ? 0n : undefined];
    return { code: l.code, values };
  }));
  const idle = fundIdle(a, fund);
  return frame(ctx, {
    header: functionalHeader(
      [head('年初结转和结余', { rowSpan: 2 }), head('本年收入', { rowSpan: 2 }), head('本年支出', { colSpan: 3 }), head('年末结转和结余', { rowSpan: 2 })],
      [head('小计'), head('基本支出'), head('项目支出')],
    ),
    body: [
      [totalLabel(), ...moneyCells(ctx, cols, [opening, income, view.total, view.basic, view.project, closing])],
      ...functionalRows(ctx, cols, rows),
    ],
    notes: [
      idle && emptyNote(ctx, `${t.name}收入和支出`),
      !idle && !byCode && rows.length > 0 &&
        `数据集只提供${t.name}年初、年末结转和结余及本年收入的合计数，未按支出功能分类科目划分；因结转和结余不为零或收入与支出不相等，分科目数无法由支出推得，相应单元格以“—”表示。`,
    ],
  });
}
