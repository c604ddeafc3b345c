// 八、政府性基金预算 and 九、国有资本经营预算 财政拨款收支: amounts, use by 类, or the empty-table wording.
import { sharesOf } from '../../money/index.js';
import type { Fund } from '../../model/index.js';
import { para, priorComparison, type SectionContext, type SectionWriter } from '../context.js';
import { changeRuns, joinRuns, shareOf, wan } from '../phrases.js';
import type { Inline } from '../tree.js';
import { className } from './generalBudget.js';

interface FundText {
  fund: Fund;
  name: string;
  table: string;
  incomeConcept: string;
  expenseConcept: string;
  dim: string;
}

const GOV_FUND: FundText = {
  fund: 'govFund', name: '政府性基金预算财政拨款', table: '政府性基金预算财政拨款收入支出决算表',
  incomeConcept: 'income.gov_fund', expenseConcept: 'expense.gov_fund', dim: 'gov_fund',
};
const STATE_CAPITAL: FundText = {
  fund: 'stateCapital', name: '国有资本经营预算财政拨款', table: '国有资本经营预算财政拨款支出决算表',
  incomeConcept: 'income.state_capital', expenseConcept: 'expense.state_capital', dim: 'state_capital',
};

function fundSection(ctx: SectionContext, f: FundText): Inline[] {
  const { a, year } = ctx;
  const view = a.byFund[f.fund];
  const income = a.income[f.fund];
  const opening = a.openingBalance[f.fund];
  const closing = a.closingBalance[f.fund];
  if (income === 0n && view.total === 0n && opening === 0n && closing === 0n) {
    return [`${ctx.self}${year}年度无${f.name}收入，也无使用${f.name}安排的支出，故《${f.table}》为空表。`];
  }
  const o = { ...ctx.fig, dims: { fund: f.dim } };
  const runs: Inline[] = [`${year}年${f.name}收入`, ...wan(f.incomeConcept, income, o), '，支出', ...wan(f.expenseConcept, view.total, o)];
  if (opening !== 0n) runs.push('，年初结转和结余', ...wan('balance.opening', opening, o));
  if (closing !== 0n) runs.push('，年末结转和结余', ...wan('balance.closing', closing, o));
  runs.push('。');
  const classes = view.byClass.filter((c) => c.total !== 0n);
  if (classes.length > 0) {
    const shares = sharesOf(classes.map((c) => c.total), view.total);
    const parts = classes.map((c, i) => {
      const co = { ...o, dims: { ...o.dims, functional: c.code } };
      return [...className(ctx, c.code), ...wan(f.expenseConcept, c.total, co), '，', ...shareOf(f.expenseConcept, c.total, view.total, co, shares[i])];
    });
    runs.push('主要用于：', ...joinRuns(parts, '；'), '。');
  }
  if (ctx.d.prior[f.expenseConcept] !== undefined) {
    runs.push(...priorComparison(ctx, f.expenseConcept, view.total, `${f.name}支出`, (c, b) => changeRuns(f.expenseConcept, c, b, o)));
  }
  return runs;
}

export const govFundSection: SectionWriter = (ctx) => ({ blocks: [para(...fundSection(ctx, GOV_FUND))] });
export const stateCapitalSection: SectionWriter = (ctx) => ({ blocks: [para(...fundSection(ctx, STATE_CAPITAL))] });
