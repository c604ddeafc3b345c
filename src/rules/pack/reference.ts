// Codes exist in the report year's 《政府收支分类科目》 edition, with the name stated (N4).
import type { Rule } from '../types.js';

export const referenceRules: Rule[] = [
  {
    id: 'R1', kind: 'reference', severity: 'error', scope: 'field', dim: 'functional',
    title: '功能分类科目编码在当年版本中存在，名称一致',
    why: '科目每年由财政部发布，报告年度决定使用哪一版名称（domain.md §3.1）。',
    message: '功能分类科目编码{code}不在{year}年版《政府收支分类科目》中',
    hint: '核对科目编码；如为新设科目，请更新分类数据。',
  },
  {
    id: 'R2', kind: 'reference', severity: 'error', scope: 'field', dim: 'economic',
    title: '部门预算支出经济分类科目编码存在，名称一致',
    why: '基本支出明细须按部门预算支出经济分类的款级科目列示（domain.md §3.4）。',
    message: '经济分类科目编码{code}不在{year}年版部门预算支出经济分类中',
    hint: '核对经济分类科目编码。',
  },
];
