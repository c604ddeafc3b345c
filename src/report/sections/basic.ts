// 六、一般公共预算财政拨款基本支出决算情况说明: 人员经费 and 公用经费 with the 款 they include.
import { lookupEconomic } from '../../classification/index.js';
import type { Fen } from '../../money/index.js';
import { para, type SectionContext, type SectionWriter } from '../context.js';
import { todo, wan } from '../phrases.js';
import type { Inline } from '../tree.js';

const isPersonnel = (code: string) => code.startsWith('301') || code.startsWith('303');

export const basicSection: SectionWriter = (ctx) => {
  const { a, year } = ctx;
  const basic = a.byFund.generalBudget.basic;
  if (basic === 0n) return { blocks: [para(`${year}年${ctx.self}无一般公共预算财政拨款基本支出。`)] };
  const be = a.basicExpense;
  return {
    blocks: [
      para(`${year}年一般公共预算财政拨款基本支出`, ...wan('expense.basic', basic, { ...ctx.fig, dims: { fund: 'general_budget' } }), '，其中：'),
      para(...group(ctx, '人员经费', 'basic.personnel', be.personnel, 'basicExpense.personnel', isPersonnel)),
      para(...group(ctx, '公用经费', 'basic.public', be.public, 'basicExpense.public', (c) => !isPersonnel(c))),
    ],
  };
};

function group(ctx: SectionContext, label: string, concept: string, value: Fen | undefined, path: string, pick: (code: string) => boolean): Inline[] {
  const runs: Inline[] = [label];
  if (value === undefined) runs.push(todo(`${label}金额`, path));
  else runs.push(...wan(concept, value, ctx.fig));
  const items = ctx.d.basicExpense.items.filter((i) => pick(i.code)).sort((x, y) => x.code.localeCompare(y.code));
  if (items.length === 0) return [...runs, '。'];
  const names = items.map((i) => lookupEconomic(i.code, ctx.year)?.name ?? i.code);
  return [...runs, `，主要包括：${names.join('、')}等。`];
}
