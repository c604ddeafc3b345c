// Fund-source agreement across tables (财政拨款收入支出决算总表; X1, X2).
import type { Rule } from '../types.js';

const FUNDS = [
  ['general_budget', '一般公共预算财政拨款'],
  ['gov_fund', '政府性基金预算财政拨款'],
  ['state_capital', '国有资本经营预算财政拨款'],
] as const;

const fundBalance: Rule[] = FUNDS.map(([fund, name]) => ({
  id: `X2-${fund}`, kind: 'identity', severity: 'error', scope: 'cross-table',
  title: `${name}：收入 + 年初结转和结余 = 支出 + 年末结转和结余`,
  why: '财政拨款收入支出决算总表按资金来源平衡，且与收入决算表、支出决算表一致（domain.md §2.4；X2）。',
  message: `${name}收入与年初结转和结余合计{stated}万元，不等于支出与年末结转和结余合计{expected}万元，相差{difference}万元`,
  hint: `核对${name}收入、该资金来源的支出明细及年初、年末结转和结余。`,
  left: [{ concept: `income.${fund}` }, { concept: 'balance.opening', where: { fund } }],
  right: [{ concept: `expense.${fund}` }, { concept: 'balance.closing', where: { fund } }],
}));

export const fundRules: Rule[] = [
  ...fundBalance,
  {
    id: 'X2-fiscal-income', kind: 'identity', severity: 'error', scope: 'cross-table',
    title: '财政拨款收入 = 一般公共预算 + 政府性基金 + 国有资本经营财政拨款收入',
    why: '总表第1至3行之和即财政拨款收入（domain.md §2.4）。',
    message: '财政拨款收入{stated}万元不等于三类财政拨款收入之和{expected}万元，相差{difference}万元',
    hint: '核对三类财政拨款收入。',
    left: [{ concept: 'income.fiscal' }],
    right: [{ concept: 'income.general_budget' }, { concept: 'income.gov_fund' }, { concept: 'income.state_capital' }],
  },
  {
    id: 'X2-fiscal-total', kind: 'identity', severity: 'error', scope: 'cross-table',
    title: '财政拨款收、支总计 = 财政拨款收入 + 年初财政拨款结转和结余',
    why: '财政拨款收入支出决算总表左侧的构成（domain.md §2.4）。',
    message: '财政拨款收、支总计{stated}万元不等于财政拨款收入与年初财政拨款结转和结余之和{expected}万元，相差{difference}万元',
    hint: '核对财政拨款收入及年初财政拨款结转和结余。',
    left: [{ concept: 'fiscal.total' }],
    right: [
      { concept: 'income.fiscal' },
      ...FUNDS.map(([fund]) => ({ concept: 'balance.opening', where: { fund } })),
    ],
  },
  {
    id: 'X2-gb-classes', kind: 'rollup', severity: 'error', scope: 'table', concept: 'expense.general_budget', dim: 'functional',
    title: '一般公共预算财政拨款支出：合计 = Σ类，类 = Σ款 = Σ项',
    why: '一般公共预算财政拨款支出决算表逐级汇总（domain.md §2.5）。',
    message: '一般公共预算财政拨款支出{code}为{stated}万元，下级科目合计{expected}万元，相差{difference}万元',
    hint: '核对该科目及其下级科目的金额。',
  },
  {
    id: 'X2-gb-nature', kind: 'identity', severity: 'error', scope: 'table',
    title: '一般公共预算财政拨款支出 = 基本支出 + 项目支出',
    why: '一般公共预算财政拨款支出决算表每行“小计 = 基本支出 + 项目支出”（domain.md §2.5）。',
    message: '一般公共预算财政拨款支出{stated}万元不等于其基本支出与项目支出之和{expected}万元，相差{difference}万元',
    hint: '一般公共预算资金只应列入基本支出或项目支出，核对各行。',
    left: [{ concept: 'expense.general_budget' }],
    right: [{ concept: 'expense.basic', where: { fund: 'general_budget' } }, { concept: 'expense.project', where: { fund: 'general_budget' } }],
  },
];
