/**
 * 财政拨款收入支出决算总表 (domain.md §2.4). Income: the three fiscal funds,
 * 本年收入合计, 年初财政拨款结转和结余 with its three fund lines, 总计.
 * Expenditure: one row per 功能分类类 with 小计 | 一般公共预算财政拨款 |
 * 政府性基金预算财政拨款 | 国有资本经营预算财政拨款, then 本年支出合计,
 * 年末财政拨款结转和结余, 总计 in the same four columns. 行次 run on as in
 * the 收入支出决算总表 (income side first).
 */
import type { Fen } from '../../money/index.js';
import { fundDim } from '../../model/index.js';
import type { TableBlock, TableCell } from '../tree.js';
import {
  blank, codeTree, FISCAL_FUNDS, frame, functionalName, head, lineTotal, money, moneyCells, text, UNKNOWN_NAME,
  type Col, type TableContext,
} from './common.js';

/** The 财政拨款 part of a balance: no concept of its own, so balance.* with fund = fiscal. */
const FISCAL_DIM = { fund: 'fiscal' };

export function buildFiscalTotals(ctx: TableContext): TableBlock {
  const { a, d, year } = ctx;
  const expenseCols: Col[] = [
    { concept: 'expense.fiscal' },
    { concept: 'expense.general_budget' },
    { concept: 'expense.gov_fund' },
    { concept: 'expense.state_capital' },
  ];
  const closingCols: Col[] = [
    { concept: 'balance.closing', dims: FISCAL_DIM },
    ...FISCAL_FUNDS.map((f) => ({ concept: 'balance.closing', dims: { fund: fundDim(f) } })),
  ];
  const grandCols: Col[] = [
    { concept: 'fiscal.total' },
    ...FISCAL_FUNDS.map((f) => ({ concept: 'fiscal.total', dims: { fund: fundDim(f) } })),
  ];

  // Expenditure by class and fund: columns 小计 then one per fiscal fund.
  const classes = codeTree(
    d.expenditure
      .filter((l) => l.fund !== 'other')
      .map((l) => ({ code: l.code, values: [lineTotal(l), ...FISCAL_FUNDS.map((f) => (l.fund === f ? lineTotal(l) : 0n))] })),
  ).filter((r) => r.level === '类');

  type Left = { label: string; col: Col; value: Fen; center?: boolean };
  const income: Left[] = [
    { label: '一、一般公共预算财政拨款', col: { concept: 'income.general_budget' }, value: a.income.generalBudget },
    { label: '二、政府性基金预算财政拨款', col: { concept: 'income.gov_fund' }, value: a.income.govFund },
    { label: '三、国有资本经营预算财政拨款', col: { concept: 'income.state_capital' }, value: a.income.stateCapital },
  ];
  const incomeSummary: Left[] = [
    { label: '本年收入合计', col: { concept: 'income.fiscal' }, value: a.fiscalIncome, center: true },
    { label: '年初财政拨款结转和结余', col: { concept: 'balance.opening', dims: FISCAL_DIM }, value: a.fiscalOpening },
    { label: '　一般公共预算财政拨款', col: { concept: 'balance.opening', dims: { fund: 'general_budget' } }, value: a.openingBalance.generalBudget },
    { label: '　政府性基金预算财政拨款', col: { concept: 'balance.opening', dims: { fund: 'gov_fund' } }, value: a.openingBalance.govFund },
    { label: '　国有资本经营预算财政拨款', col: { concept: 'balance.opening', dims: { fund: 'state_capital' } }, value: a.openingBalance.stateCapital },
    { label: '总计', col: { concept: 'fiscal.total' }, value: a.fiscalGrandTotal, center: true },
  ];

  type Right = { label: string; cols: Col[]; values: Fen[]; dims?: Record<string, string>; center?: boolean };
  const expense: Right[] = classes.map((c) => {
    const name = functionalName(c.code, year);
    return {
      label: name === UNKNOWN_NAME ? `${c.code}（${UNKNOWN_NAME}）` : name,
      cols: expenseCols,
      values: c.values as Fen[],
      dims: { functional: c.code },
    };
  });
  const fv = FISCAL_FUNDS.map((f) => a.byFund[f]);
  const closing = FISCAL_FUNDS.map((f) => a.closingBalance[f]);
  const expenseSummary: (Right | undefined)[] = [
    { label: '本年支出合计', cols: expenseCols, values: [a.fiscalExpense, ...fv.map((v) => v.total)], center: true },
    { label: '年末财政拨款结转和结余', cols: closingCols, values: [a.fiscalClosing, ...closing] },
    undefined,
    undefined,
    undefined,
    {
      label: '总计', cols: grandCols, center: true,
      values: [a.fiscalExpense + a.fiscalClosing, ...fv.map((v, i) => v.total + closing[i]!)],
    },
  ];

  let next = 1;
  const leftNo = [...income, ...incomeSummary].map(() => next++);
  const rightNo = [...expense, ...expenseSummary].map((r) => (r === undefined ? undefined : next++));
  const leftCells = (l: Left | undefined, no: number | undefined): TableCell[] =>
    l === undefined ? [blank(), blank(), blank()] : [text(l.label, l.center ? 'center' : 'left'), text(String(no), 'center'), money(ctx, l.col, l.value)];
  const rightCells = (r: Right | undefined, no: number | undefined): TableCell[] =>
    r === undefined
      ? [blank(), blank(), blank(), blank(), blank(), blank()]
      : [text(r.label, r.center ? 'center' : 'left'), text(String(no), 'center'), ...moneyCells(ctx, r.cols, r.values, r.dims)];

  const body: TableCell[][] = [];
  const detail = Math.max(income.length, expense.length);
  for (let i = 0; i < detail; i++) {
    body.push([...leftCells(income[i], leftNo[i]), ...rightCells(expense[i], rightNo[i])]);
  }
  incomeSummary.forEach((l, i) => {
    body.push([...leftCells(l, leftNo[income.length + i]), ...rightCells(expenseSummary[i], rightNo[expense.length + i])]);
  });

  return frame(ctx, {
    header: [
      [head('收入', { colSpan: 3 }), head('支出', { colSpan: 6 })],
      [head('项目', { rowSpan: 2 }), head('行次', { rowSpan: 2 }), head('金额', { rowSpan: 2 }), head('项目', { rowSpan: 2 }), head('行次', { rowSpan: 2 }), head('金额', { colSpan: 4 })],
      [head('小计'), head('一般公共预算财政拨款'), head('政府性基金预算财政拨款'), head('国有资本经营预算财政拨款')],
    ],
    body,
    notes: [
      a.fiscalIncome === 0n && a.fiscalExpense === 0n && a.fiscalOpening === 0n && a.fiscalClosing === 0n &&
        `${ctx.self}${year}年度无财政拨款收入和支出，故本表为空表。`,
    ],
  });
}
