// 基本支出 = 人员经费 + 公用经费 and the 经济分类 roll-ups (X3; domain.md §2.6).
import type { Rule } from '../types.js';

export const basicRules: Rule[] = [
  {
    id: 'X3', kind: 'identity', severity: 'error', scope: 'cross-table',
    title: '一般公共预算财政拨款基本支出 = 人员经费 + 公用经费',
    why: '表5基本支出合计等于表6人员经费合计与公用经费合计之和（domain.md §2.5；GovBudgetChecker OBL-CROSS-T5-T6）。',
    message: '人员经费与公用经费合计{stated}万元，不等于一般公共预算财政拨款基本支出{expected}万元，相差{difference}万元',
    hint: '核对人员经费、公用经费，以及一般公共预算资金各行的基本支出。',
    left: [{ concept: 'basic.personnel' }, { concept: 'basic.public' }],
    right: [{ concept: 'expense.basic', where: { fund: 'general_budget' } }],
  },
  {
    id: 'X3-personnel-items', kind: 'rollup', severity: 'error', scope: 'table', concept: 'basic.personnel', dim: 'economic',
    title: '人员经费 = Σ经济分类款',
    why: '基本支出明细表中，人员经费合计等于301、303各款之和；类等于其款之和（domain.md §2.6）。',
    message: '人员经费{code}为{stated}万元，所列明细合计{expected}万元，相差{difference}万元',
    hint: '核对人员经费及其经济分类明细；明细未列全时补齐。',
  },
  {
    id: 'X3-public-items', kind: 'rollup', severity: 'error', scope: 'table', concept: 'basic.public', dim: 'economic',
    title: '公用经费 = Σ经济分类款',
    why: '基本支出明细表中，公用经费合计等于302、307、310、399等各款之和（domain.md §2.6）。',
    message: '公用经费{code}为{stated}万元，所列明细合计{expected}万元，相差{difference}万元',
    hint: '核对公用经费及其经济分类明细。',
  },
];
