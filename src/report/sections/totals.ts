// 一、收入支出决算总体情况说明 (收入支出决算总表).
import { chart, para, type SectionContext, type SectionWriter } from '../context.js';
import { joinRuns, wan } from '../phrases.js';
import { pairComparison } from './pairComparison.js';
import type { Inline } from '../tree.js';

export const totalsSection: SectionWriter = (ctx) => {
  const { a, year } = ctx;
  const runs: Inline[] = [];
  const same = a.grandIncome === a.grandExpense;
  if (same) runs.push(`${year}年度收、支总计`, ...wan('total.income', a.grandIncome, ctx.fig), '。');
  else runs.push(`${year}年度收入总计`, ...wan('total.income', a.grandIncome, ctx.fig), '，支出总计', ...wan('total.expense', a.grandExpense, ctx.fig), '。');
  const blocks = [para(...runs, ...composition(ctx), ...comparison(ctx)), ...chart(ctx, 'totalsVsPrior')];
  return { blocks };
};

/** Spells out the 总计 when carry-overs make it differ from 本年收入/支出合计. */
function composition(ctx: SectionContext): Inline[] {
  const { a } = ctx;
  if (a.useOfNonFiscalBalance === 0n && a.openingBalanceTotal === 0n && a.balanceDistribution === 0n && a.closingBalanceTotal === 0n) return [];
  const income: Inline[][] = [['本年收入合计', ...wan('income.total', a.incomeTotal, ctx.fig)]];
  if (a.useOfNonFiscalBalance !== 0n) income.push(['使用非财政拨款结余', ...wan('balance.use_non_fiscal', a.useOfNonFiscalBalance, ctx.fig)]);
  if (a.openingBalanceTotal !== 0n) income.push(['年初结转和结余', ...wan('balance.opening', a.openingBalanceTotal, ctx.fig)]);
  const expense: Inline[][] = [['本年支出合计', ...wan('expense.total', a.expense.total, ctx.fig)]];
  if (a.balanceDistribution !== 0n) expense.push(['结余分配', ...wan('balance.distribution', a.balanceDistribution, ctx.fig)]);
  if (a.closingBalanceTotal !== 0n) expense.push(['年末结转和结余', ...wan('balance.closing', a.closingBalanceTotal, ctx.fig)]);
  return ['收入总计包括', ...joinRuns(income, '，'), '；支出总计包括', ...joinRuns(expense, '，'), '。'];
}

function comparison(ctx: SectionContext): Inline[] {
  const { a } = ctx;
  return pairComparison(ctx, {
    total: { key: 'total.income', label: '收、支总计', income: a.grandIncome, expense: a.grandExpense },
    income: { key: 'income.total', label: '本年收入合计', value: a.incomeTotal },
    expense: { key: 'expense.total', label: '本年支出合计', value: a.expense.total },
  });
}
