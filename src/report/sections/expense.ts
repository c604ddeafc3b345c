// 三、支出决算情况说明 (支出决算表): 基本/项目 and the other kinds, with shares of 本年支出合计.
import { sharesOf } from '../../money/index.js';
import { chart, para, type SectionWriter } from '../context.js';
import { joinRuns, shareOf, wan } from '../phrases.js';
import type { Inline } from '../tree.js';

export const expenseSection: SectionWriter = (ctx) => {
  const { a, year } = ctx;
  const e = a.expense;
  const kinds = [
    { label: '基本支出', concept: 'expense.basic', value: e.basic, always: true },
    { label: '项目支出', concept: 'expense.project', value: e.project, always: true },
    { label: '上缴上级支出', concept: 'expense.remit', value: e.remit, always: false },
    { label: '经营支出', concept: 'expense.operating', value: e.operating, always: false },
    { label: '对附属单位补助支出', concept: 'expense.affiliate_subsidy', value: e.affiliateSubsidy, always: false },
  ].filter((k) => k.always || k.value !== 0n);
  const runs: Inline[] = [`${year}年本年支出合计`, ...wan('expense.total', e.total, ctx.fig)];
  if (e.total === 0n) {
    runs.push('，本年未发生支出。');
  } else {
    const shares = sharesOf(kinds.map((k) => k.value), e.total);
    const parts = kinds.map((k, i) => [k.label, ...wan(k.concept, k.value, ctx.fig), '，', ...shareOf(k.concept, k.value, e.total, ctx.fig, shares[i])]);
    runs.push('，其中：', ...joinRuns(parts, '；'), '。');
  }
  if (a.balanceDistribution === 0n && a.closingBalanceTotal === 0n) {
    runs.push('年末无结转和结余。');
  } else {
    const tail: Inline[][] = [];
    if (a.balanceDistribution !== 0n) tail.push(['结余分配', ...wan('balance.distribution', a.balanceDistribution, ctx.fig)]);
    if (a.closingBalanceTotal !== 0n) tail.push(['年末结转和结余', ...wan('balance.closing', a.closingBalanceTotal, ctx.fig)]);
    runs.push(...joinRuns(tail, '，'), '。');
  }
  return { blocks: [para(...runs), ...chart(ctx, 'expenseStructure')] };
};
