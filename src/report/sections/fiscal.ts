// 四、财政拨款收入支出决算总体情况说明 (财政拨款收入支出决算总表).
import { para, type SectionWriter } from '../context.js';
import { joinRuns, wan } from '../phrases.js';
import { pairComparison } from './pairComparison.js';
import type { Inline } from '../tree.js';

export const fiscalSection: SectionWriter = (ctx) => {
  const { a, year } = ctx;
  const runs: Inline[] = [`${year}年度财政拨款收、支总计`, ...wan('fiscal.total', a.fiscalGrandTotal, ctx.fig)];
  if (a.fiscalGrandTotal === 0n && a.fiscalExpense === 0n) {
    runs.push(`。${ctx.self}本年度无财政拨款收入和支出。`);
    return { blocks: [para(...runs)] };
  }
  const incomeParts: Inline[][] = [];
  const named = [
    ['一般公共预算财政拨款', 'income.general_budget', a.income.generalBudget],
    ['政府性基金预算财政拨款', 'income.gov_fund', a.income.govFund],
    ['国有资本经营预算财政拨款', 'income.state_capital', a.income.stateCapital],
  ] as const;
  for (const [label, concept, v] of named) if (v !== 0n) incomeParts.push([label, ...wan(concept, v, ctx.fig)]);
  runs.push('，其中：财政拨款收入', ...wan('income.fiscal', a.fiscalIncome, ctx.fig));
  if (incomeParts.length > 1) runs.push('（', ...joinRuns(incomeParts, '，'), '）');
  if (a.fiscalOpening !== 0n) runs.push('，年初财政拨款结转和结余', ...wan('balance.opening', a.fiscalOpening, { ...ctx.fig, dims: { fund: 'fiscal' } }));
  runs.push('；财政拨款支出', ...wan('expense.fiscal', a.fiscalExpense, ctx.fig));
  if (a.fiscalClosing !== 0n) runs.push('，年末财政拨款结转和结余', ...wan('balance.closing', a.fiscalClosing, { ...ctx.fig, dims: { fund: 'fiscal' } }));
  else runs.push('，年末无财政拨款结转和结余');
  runs.push('。');
  runs.push(...pairComparison(ctx, {
    total: { key: 'fiscal.total', label: '财政拨款收、支总计', income: a.fiscalGrandTotal, expense: a.fiscalExpense + a.fiscalClosing },
    income: { key: 'income.fiscal', label: '财政拨款收入', value: a.fiscalIncome },
    expense: { key: 'expense.fiscal', label: '财政拨款支出', value: a.fiscalExpense },
  }));
  return { blocks: [para(...runs)] };
};
