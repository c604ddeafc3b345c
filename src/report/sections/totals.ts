// 一、收入支出决算总体情况说明 (收入支出决算总表).
import { para, priorComparison, priorMoney, reason, type SectionContext, type SectionWriter } from '../context.js';
import { changeRuns, joinRuns, wan } from '../phrases.js';
import type { Inline } from '../tree.js';

export const totalsSection: SectionWriter = (ctx) => {
  const { a, year } = ctx;
  const runs: Inline[] = [];
  const same = a.grandIncome === a.grandExpense;
  if (same) runs.push(`${year}年度收、支总计`, ...wan('total.income', a.grandIncome, ctx.fig), '。');
  else runs.push(`${year}年度收入总计`, ...wan('total.income', a.grandIncome, ctx.fig), '，支出总计', ...wan('total.expense', a.grandExpense, ctx.fig), '。');
  const blocks = [para(...runs, ...composition(ctx), ...comparison(ctx, same))];
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

function comparison(ctx: SectionContext, same: boolean): Inline[] {
  const { a } = ctx;
  const change = (concept: string) => (cur: bigint, base: bigint) => changeRuns(concept, cur, base, { ...ctx.fig });
  const priorIncome = priorMoney(ctx, 'total.income');
  const priorExpense = priorMoney(ctx, 'total.expense');
  if (same && priorIncome !== undefined && (priorExpense === undefined || priorExpense === priorIncome)) {
    return priorComparison(ctx, 'total.income', a.grandIncome, '收、支总计各', change('total.income'));
  }
  if (priorIncome !== undefined || priorExpense !== undefined) {
    return [
      ...priorComparison(ctx, 'total.income', a.grandIncome, '收入总计', change('total.income')),
      ...priorComparison(ctx, 'total.expense', a.grandExpense, '支出总计', change('total.expense')),
    ];
  }
  // Only the 本年 figures of last year are known (as in many published reports).
  const pi = priorMoney(ctx, 'income.total');
  const pe = priorMoney(ctx, 'expense.total');
  if (pi === undefined && pe === undefined) return priorComparison(ctx, 'total.income', a.grandIncome, '收、支总计', change('total.income'));
  const parts: Inline[][] = [];
  const reasons: Inline[] = [];
  for (const [key, cur, label, concept] of [
    ['income.total', a.incomeTotal, '本年收入合计', 'income.total'],
    ['expense.total', a.expense.total, '本年支出合计', 'expense.total'],
  ] as const) {
    const base = priorMoney(ctx, key);
    if (base === undefined) continue;
    parts.push([label, ...wan(concept, cur, ctx.fig), `，与${ctx.priorYear}年相比`, ...change(concept)(cur, base)]);
    if (cur !== base) {
      const r = reason(ctx, 'vsPrior', key);
      if (!reasons.some((x) => JSON.stringify(x) === JSON.stringify(r))) reasons.push(r);
    }
  }
  const out: Inline[] = ['其中：', ...joinRuns(parts, '；'), '。'];
  if (reasons.length > 0) out.push('主要变动原因是', ...joinRuns(reasons.map((r) => [r]), '；'), '。');
  return out;
}
