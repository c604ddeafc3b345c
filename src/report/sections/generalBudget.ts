// 五、一般公共预算财政拨款支出决算情况说明: （一）总体 （二）结构（按类） （三）具体（逐项）.
import { functionalPhrase, lookupFunctional } from '../../classification/index.js';
import { percentOf, sharesOf, sum, type Fen } from '../../money/index.js';
import type { ItemTotals } from '../../model/index.js';
import { chart, deeper, listItems, para, priorComparison, reason, type SectionContext, type SectionWriter } from '../context.js';
import { budgetGapRuns, changeRuns, completionRuns, joinRuns, pctFig, shareOf, todo, wan, wanFig } from '../phrases.js';
import { includedCodes } from '../tables/common.js';
import { priorComparisonStated } from './otherMatters.js';
import type { Block, Inline } from '../tree.js';

const CONCEPT = 'expense.general_budget';

export const generalBudgetSection: SectionWriter = (ctx) => {
  const gb = ctx.a.byFund.generalBudget;
  const sub = deeper(ctx);
  return {
    blocks: [],
    subsections: [
      { title: '一般公共预算财政拨款支出决算总体情况', blocks: overall(ctx, gb.total) },
      { title: '一般公共预算财政拨款支出决算结构情况', blocks: structure(ctx, gb.byClass) },
      { title: '一般公共预算财政拨款支出决算具体情况', blocks: detail(sub, gb.byItem, gb.total) },
    ],
  };
};

function overall(ctx: SectionContext, total: Fen): Block[] {
  const runs: Inline[] = [`${ctx.year}年一般公共预算财政拨款支出`, ...wan(CONCEPT, total, ctx.fig)];
  const share = percentOf(total, ctx.a.expense.total);
  if (share !== null) runs.push('，占本年支出合计的', pctFig(`share.${CONCEPT}`, share, ctx.fig), '%');
  runs.push('。');
  runs.push(...priorComparisonStated(ctx, CONCEPT, total, '一般公共预算财政拨款支出'));
  return [para(...runs), ...chart(ctx, 'generalBudgetChange')];
}

/** "一般公共服务支出（类）" or the code with a visible gap when the edition lacks it. */
export function className(ctx: SectionContext, code: string): Inline[] {
  const e = lookupFunctional(code, ctx.year);
  return e ? [`${e.name}（类）`] : [`${code}`, todo('科目名称', `expenditure（${code}）`)];
}

function structure(ctx: SectionContext, classes: { code: string; total: Fen }[]): Block[] {
  const nonzero = classes.filter((c) => c.total !== 0n);
  const total = sum(nonzero.map((c) => c.total));
  if (nonzero.length === 0) return [para(`${ctx.year}年${ctx.self}无一般公共预算财政拨款支出。`)];
  const shares = sharesOf(nonzero.map((c) => c.total), total);
  const parts = nonzero.map((c, i) => {
    const o = { ...ctx.fig, dims: { functional: c.code } };
    return [...className(ctx, c.code), ...wan(CONCEPT, c.total, o), '，', ...shareOf(CONCEPT, c.total, total, o, shares[i])];
  });
  return [para(`${ctx.year}年一般公共预算财政拨款支出`, ...wan(CONCEPT, total, ctx.fig), '，主要用于以下方面：', ...joinRuns(parts, '；'), '。'), ...chart(ctx, 'generalBudgetStructure')];
}

/** “该项金额含事业运行，未分别列示。” when the line's amount covers other 项 (expenditureIncludes). */
function covered(ctx: SectionContext, code: string): string[] {
  const inc = includedCodes(ctx.d, code);
  if (inc.length === 0) return [];
  // Names only: a wrapped line opening with “（2040250）” reads back from a PDF as a list label.
  return [`该项金额含${inc.map((c) => lookupFunctional(c, ctx.year)?.name ?? c).join('、')}，未分别列示。`];
}

/** The budget a completion rate is measured against, per the profile. */
function budgetOf(ctx: SectionContext, item: ItemTotals): Fen | undefined {
  return ctx.profile.completionBasis === 'adjusted' ? item.adjustedBudget ?? item.initialBudget : item.initialBudget ?? item.adjustedBudget;
}

function detail(ctx: SectionContext, items: ItemTotals[], total: Fen): Block[] {
  const shown = items.filter((i) => i.total !== 0n || (budgetOf(ctx, i) ?? 0n) !== 0n);
  if (shown.length === 0) return [para(`${ctx.year}年${ctx.self}无一般公共预算财政拨款支出。`)];
  const budgets = shown.map((i) => budgetOf(ctx, i));
  const totalBudget = budgets.every((b) => b !== undefined) ? sum(budgets as Fen[]) : undefined;
  const scenario = ctx.profile.completionBasis === 'adjusted' ? 'budget_adjusted' : 'budget_initial';
  const head: Inline[] = [
    `${ctx.year}年一般公共预算财政拨款支出决算数为`, ...wan(CONCEPT, total, ctx.fig), '，',
    ...completionRuns(CONCEPT, total, totalBudget, ctx.fig, 'expenditure[].adjustedBudget'), '。其中：',
  ];
  const lines = shown.map((item, i): Inline[] => {
    const o = { ...ctx.fig, dims: { functional: item.code } };
    const phrase = functionalPhrase(item.code, ctx.year);
    const budget = budgets[i];
    const runs: Inline[] = [
      ...(phrase ? [phrase] : [item.code, todo('科目名称', `expenditure（${item.code}）`)]),
      '：支出决算为', wanFig(CONCEPT, item.total, o), '万元，',
    ];
    if (budget !== undefined && budget !== 0n) runs.push('预算数为', wanFig(CONCEPT, budget, { ...o, scenario }), '万元，');
    runs.push(...completionRuns(CONCEPT, item.total, budget, o, `expenditure（${item.code}）.adjustedBudget`));
    if (budget !== undefined && budget !== 0n) runs.push('，', ...budgetGapRuns(item.total, budget, reason(ctx, 'vsBudget', `${CONCEPT}@${item.code}`)));
    runs.push('。', ...covered(ctx, item.code));
    return runs;
  });
  return [para(...head), ...listItems(ctx, lines)];
}
