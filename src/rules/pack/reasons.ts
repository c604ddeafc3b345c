// A large change needs its reason (N3; design.md §3).
import type { Rule } from '../types.js';

export const reasonRules: Rule[] = [
  {
    id: 'N3-prior', kind: 'reason', severity: 'error', scope: 'cross-year', basis: 'vsPrior',
    title: '与上年相比变动超过阈值的项目须说明原因',
    why: '决算公开要求说明收支增减变化的原因，“主要原因是…”不能留空（domain.md §1.4、§2.11 N3）。',
    message: '{subject}较上年变动{change}，超过{threshold}，但没有说明变动原因',
    hint: '在 reasons.vsPrior 中填写变动原因。',
  },
  {
    id: 'N3-budget', kind: 'reason', severity: 'error', scope: 'field', basis: 'vsBudget',
    title: '决算数与预算数差异超过阈值的项目须说明原因',
    why: '一般公共预算支出逐项说明完成预算情况及差异原因，“三公”经费对照预算说明（domain.md §1.4）。',
    message: '{subject}偏离{change}，超过{threshold}，但没有说明原因',
    hint: '在 reasons.vsBudget 中填写决算数与预算数差异的原因。',
  },
];
