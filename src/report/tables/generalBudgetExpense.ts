/**
 * 一般公共预算财政拨款支出决算表 (domain.md §2.5): 功能分类 类/款/项 rows,
 * 本年支出 小计 | 基本支出 | 项目支出; with 年初预算数 and/or 调整预算数
 * columns in front when the dataset states budgets for its 一般公共预算 lines.
 * A budget figure is shown for a row only when every line under it states one.
 */
import type { TableBlock, TableCell } from '../tree.js';
import {
  codeTree, fenOf, frame, functionalHeader, functionalRows, head, lineTotal, moneyCells, sumVal, totalLabel,
  type Col, type TableContext, type Val,
} from './common.js';

const GB = { fund: 'general_budget' };

export function buildGeneralBudgetExpense(ctx: TableContext): TableBlock {
  const { a, d } = ctx;
  const lines = d.expenditure.filter((l) => l.fund === 'generalBudget');
  const hasInitial = lines.some((l) => l.initialBudget !== undefined);
  const hasAdjusted = lines.some((l) => l.adjustedBudget !== undefined);

  const budgetCols: Col[] = [
    ...(hasInitial ? [{ concept: 'expense.general_budget', scenario: 'budget_initial' as const }] : []),
    ...(hasAdjusted ? [{ concept: 'expense.general_budget', scenario: 'budget_adjusted' as const }] : []),
  ];
  const cols: Col[] = [
    ...budgetCols,
    { concept: 'expense.general_budget' },
    { concept: 'expense.basic', dims: GB },
    { concept: 'expense.project', dims: GB },
  ];
  const rows = codeTree(lines.map((l) => ({
    code: l.code,
    values: [
      ...(hasInitial ? [l.initialBudget?.fen] : []),
      ...(hasAdjusted ? [l.adjustedBudget?.fen] : []),
      lineTotal(l), fenOf(l.basic), fenOf(l.project),
    ] as Val[],
  })));
  const classes = rows.filter((r) => r.level === '类');
  const budgetTotals = budgetCols.map((_, i) => sumVal(classes.map((c) => c.values[i])));
  const gb = a.byFund.generalBudget;

  const top: TableCell[] = [
    ...(hasInitial ? [head('年初预算数', { rowSpan: 2 })] : []),
    ...(hasAdjusted ? [head('调整预算数', { rowSpan: 2 })] : []),
    head(budgetCols.length > 0 ? '决算数' : '本年支出', { colSpan: 3 }),
  ];
  return frame(ctx, {
    header: functionalHeader(top, [head('小计'), head('基本支出'), head('项目支出')]),
    body: [
      [totalLabel(), ...moneyCells(ctx, cols, [...budgetTotals, gb.total, gb.basic, gb.project])],
      ...functionalRows(ctx, cols, rows),
    ],
    notes: [
      gb.total === 0n && lines.length === 0 && `${ctx.self}${ctx.year}年度无一般公共预算财政拨款支出，故本表为空表。`,
      budgetTotals.some((b) => b === undefined) && '部分科目未填报预算数，相应单元格以“—”表示。',
    ],
  });
}
