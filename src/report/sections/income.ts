// 二、收入决算情况说明 (收入决算表): each source and its share of 本年收入合计.
import { INCOME_SOURCES, type IncomeSource } from '../../model/index.js';
import { sharesOf } from '../../money/index.js';
import { chart, para, type SectionWriter } from '../context.js';
import { joinRuns, shareOf, wan } from '../phrases.js';
import type { Inline } from '../tree.js';

export const INCOME_LABELS: Record<IncomeSource, string> = {
  generalBudget: '一般公共预算财政拨款收入',
  govFund: '政府性基金预算财政拨款收入',
  stateCapital: '国有资本经营预算财政拨款收入',
  superiorSubsidy: '上级补助收入',
  business: '事业收入',
  operating: '经营收入',
  affiliate: '附属单位上缴收入',
  other: '其他收入',
};

export const INCOME_CONCEPTS: Record<IncomeSource, string> = {
  generalBudget: 'income.general_budget',
  govFund: 'income.gov_fund',
  stateCapital: 'income.state_capital',
  superiorSubsidy: 'income.superior_subsidy',
  business: 'income.business',
  operating: 'income.operating',
  affiliate: 'income.affiliate',
  other: 'income.other',
};

export const incomeSection: SectionWriter = (ctx) => {
  const { a, year } = ctx;
  const sources = INCOME_SOURCES.filter((s) => a.income[s] !== 0n);
  const runs: Inline[] = [`${year}年本年收入合计`, ...wan('income.total', a.incomeTotal, ctx.fig)];
  if (sources.length === 0) {
    runs.push('，本年未取得收入。');
  } else {
    const shares = sharesOf(sources.map((s) => a.income[s]), a.incomeTotal);
    const parts = sources.map((s, i) => [
      INCOME_LABELS[s], ...wan(INCOME_CONCEPTS[s], a.income[s], ctx.fig), '，',
      ...shareOf(INCOME_CONCEPTS[s], a.income[s], a.incomeTotal, ctx.fig, shares[i]),
    ]);
    runs.push('，其中：', ...joinRuns(parts, '；'), '。');
  }
  const extra: Inline[][] = [];
  if (a.useOfNonFiscalBalance !== 0n) extra.push(['使用非财政拨款结余', ...wan('balance.use_non_fiscal', a.useOfNonFiscalBalance, ctx.fig)]);
  if (a.openingBalanceTotal !== 0n) extra.push(['年初结转和结余', ...wan('balance.opening', a.openingBalanceTotal, ctx.fig)]);
  if (extra.length > 0) runs.push('此外，', ...joinRuns(extra, '，'), '。');
  else runs.push('年初无结转和结余。');
  return { blocks: [para(...runs), ...chart(ctx, 'incomeStructure')] };
};
