/**
 * 收入支出决算总表 (domain.md §2.1): two-sided. Income rows 一…八, then
 * 本年收入合计, 使用非财政拨款结余, 年初结转和结余, 总计; expense rows one per
 * 功能分类类 in code order, then 本年支出合计, 结余分配, 年末结转和结余, 总计.
 *
 * 行次: the central template numbers a fixed list of every 类; this table
 * lists only the unit's classes, so the numbers run on: income rows 1–8, the
 * income summary rows next, then the expense side. Filler lines have none.
 */
import type { Fen } from '../../money/index.js';
import type { TableBlock, TableCell } from '../tree.js';
import { blank, frame, functionalName, head, money, text, UNKNOWN_NAME, type Col, type TableContext } from './common.js';

interface Line {
  label: string;
  col: Col;
  value: Fen;
  dims?: Record<string, string>;
  summary?: boolean;
}

export function buildTotals(ctx: TableContext): TableBlock {
  const { a } = ctx;
  const income: Line[] = [
    { label: '一、一般公共预算财政拨款收入', col: { concept: 'income.general_budget' }, value: a.income.generalBudget },
    { label: '二、政府性基金预算财政拨款收入', col: { concept: 'income.gov_fund' }, value: a.income.govFund },
    { label: '三、国有资本经营预算财政拨款收入', col: { concept: 'income.state_capital' }, value: a.income.stateCapital },
    { label: '四、上级补助收入', col: { concept: 'income.superior_subsidy' }, value: a.income.superiorSubsidy },
    { label: '五、事业收入', col: { concept: 'income.business' }, value: a.income.business },
    { label: '六、经营收入', col: { concept: 'income.operating' }, value: a.income.operating },
    { label: '七、附属单位上缴收入', col: { concept: 'income.affiliate' }, value: a.income.affiliate },
    { label: '八、其他收入', col: { concept: 'income.other' }, value: a.income.other },
  ];
  const incomeSummary: Line[] = [
    { label: '本年收入合计', col: { concept: 'income.total' }, value: a.incomeTotal, summary: true },
    { label: '使用非财政拨款结余', col: { concept: 'balance.use_non_fiscal' }, value: a.useOfNonFiscalBalance },
    { label: '年初结转和结余', col: { concept: 'balance.opening' }, value: a.openingBalanceTotal },
    { label: '总计', col: { concept: 'total.income' }, value: a.grandIncome, summary: true },
  ];
  const expense: Line[] = a.expenseByClass.map((c) => {
    const name = functionalName(c.code, ctx.year);
    return {
      label: name === UNKNOWN_NAME ? `${c.code}（${UNKNOWN_NAME}）` : name,
      col: { concept: 'expense.total' },
      value: c.total,
      dims: { functional: c.code },
    };
  });
  const expenseSummary: Line[] = [
    { label: '本年支出合计', col: { concept: 'expense.total' }, value: a.expense.total, summary: true },
    { label: '结余分配', col: { concept: 'balance.distribution' }, value: a.balanceDistribution },
    { label: '年末结转和结余', col: { concept: 'balance.closing' }, value: a.closingBalanceTotal },
    { label: '总计', col: { concept: 'total.expense' }, value: a.grandExpense, summary: true },
  ];

  let next = 1;
  const numbered = (lines: Line[]) => lines.map((l) => ({ ...l, no: next++ }));
  const left = [...numbered(income), ...numbered(incomeSummary)];
  const right = [...numbered(expense), ...numbered(expenseSummary)];
  const side = (l: (Line & { no: number }) | undefined): TableCell[] =>
    l === undefined
      ? [blank(), blank(), blank()]
      : [text(l.label, l.summary ? 'center' : 'left'), text(String(l.no), 'center'), money(ctx, l.col, l.value, l.dims)];

  const detail = Math.max(income.length, expense.length);
  const body: TableCell[][] = [];
  for (let i = 0; i < detail; i++) {
    body.push([...side(i < income.length ? left[i] : undefined), ...side(i < expense.length ? right[i] : undefined)]);
  }
  for (let i = 0; i < incomeSummary.length; i++) body.push([...side(left[income.length + i]), ...side(right[expense.length + i])]);

  return frame(ctx, {
    header: [
      [head('收入', { colSpan: 3 }), head('支出', { colSpan: 3 })],
      [head('项目'), head('行次'), head('金额'), head('项目'), head('行次'), head('金额')],
    ],
    body,
  });
}
