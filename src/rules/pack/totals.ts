// 收入支出决算总表 and 支出决算表 identities (domain.md §2.1, §2.3; T1-1, T1-2, T3-1).
import type { Rule } from '../types.js';

export const totalsRules: Rule[] = [
  {
    id: 'T1-1', kind: 'identity', severity: 'error', scope: 'table',
    title: '收入总计 = 支出总计',
    why: '收入支出决算总表两侧必须平衡（财政部部门决算报表编制说明；GovBudgetChecker D-001）。',
    message: '收入总计{stated}万元与支出总计{expected}万元不相等，相差{difference}万元（容差{tolerance}万元）',
    hint: '核对收入来源、支出明细和年初、年末结转结余，找出多记或漏记的一项。',
    left: [{ concept: 'total.income' }], right: [{ concept: 'total.expense' }],
  },
  {
    id: 'T1-1-prior', kind: 'identity', severity: 'error', scope: 'table',
    title: '上年收入总计 = 上年支出总计',
    why: '上年的总表同样必须平衡；上年数通常抄自上年决算，抄错会在这里暴露。',
    message: '上年收入总计{stated}万元与上年支出总计{expected}万元不相等，相差{difference}万元',
    hint: '按上年决算报告核对上年收入总计和支出总计。',
    left: [{ concept: 'total.income', prior: true }], right: [{ concept: 'total.expense', prior: true }],
  },
  {
    id: 'T1-1a', kind: 'identity', severity: 'error', scope: 'table',
    title: '收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余',
    why: '收入支出决算总表左侧的构成（domain.md §2.1）。',
    message: '收入总计{stated}万元不等于本年收入合计、使用非财政拨款结余与年初结转和结余之和{expected}万元，相差{difference}万元',
    hint: '核对收入总计及其三个组成部分。',
    left: [{ concept: 'total.income' }],
    right: [{ concept: 'income.total' }, { concept: 'balance.use_non_fiscal' }, { concept: 'balance.opening' }],
  },
  {
    id: 'T1-1b', kind: 'identity', severity: 'error', scope: 'table',
    title: '支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余',
    why: '收入支出决算总表右侧的构成（domain.md §2.1）。',
    message: '支出总计{stated}万元不等于本年支出合计、结余分配与年末结转和结余之和{expected}万元，相差{difference}万元',
    hint: '核对支出总计及其三个组成部分。',
    left: [{ concept: 'total.expense' }],
    right: [{ concept: 'expense.total' }, { concept: 'balance.distribution' }, { concept: 'balance.closing' }],
  },
  {
    id: 'T1-2', kind: 'identity', severity: 'error', scope: 'table',
    title: '本年收入合计 = 各项收入之和',
    why: '本年收入合计是一至八项收入之和（domain.md §2.1）。',
    message: '本年收入合计{stated}万元不等于各项收入之和{expected}万元，相差{difference}万元',
    hint: '核对各项收入金额和本年收入合计。',
    left: [{ concept: 'income.total' }],
    right: ['income.general_budget', 'income.gov_fund', 'income.state_capital', 'income.superior_subsidy', 'income.business', 'income.operating', 'income.affiliate', 'income.other'].map((concept) => ({ concept })),
  },
  {
    id: 'T1-2b', kind: 'rollup', severity: 'error', scope: 'table', concept: 'expense.total', dim: 'functional',
    title: '本年支出合计 = 各类支出之和；类 = Σ款 = Σ项',
    why: '支出按功能分类逐级汇总（domain.md §2.3；X1）。',
    message: '本年支出{code}为{stated}万元，下级科目合计{expected}万元，相差{difference}万元',
    hint: '核对该科目及其下级科目的金额。',
  },
  {
    id: 'T3-1', kind: 'identity', severity: 'error', scope: 'table',
    title: '本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出',
    why: '支出决算表的列关系（domain.md §2.3）。',
    message: '本年支出合计{stated}万元不等于各类支出之和{expected}万元，相差{difference}万元',
    hint: '核对基本支出、项目支出等各列金额。',
    left: [{ concept: 'expense.total' }],
    right: ['expense.basic', 'expense.project', 'expense.remit', 'expense.operating', 'expense.affiliate_subsidy'].map((concept) => ({ concept })),
  },
];
