import type { OutlineNode, Part } from './profile.js';

/** 第一部分 概况, the same in every template seen so far. */
export const overviewPart: Part = {
  title: '{level}概况',
  children: [
    { section: 'overview.duties', title: '主要职责' },
    { section: 'overview.organisation', title: '机构设置' },
    { section: 'overview.staffing', title: '人员情况' },
  ],
};

/** 一 to 六 of the 决算情况说明, paired with 公开01–06表; identical in the 四川 and national orders. */
export const tableExplanations: OutlineNode[] = [
  { section: 'explain.totals', title: '收入支出决算总体情况说明' },
  { section: 'explain.income', title: '收入决算情况说明' },
  { section: 'explain.expense', title: '支出决算情况说明' },
  { section: 'explain.fiscal', title: '财政拨款收入支出决算总体情况说明' },
  { section: 'explain.generalBudget', title: '一般公共预算财政拨款支出决算情况说明' },
  { section: 'explain.basic', title: '一般公共预算财政拨款基本支出决算情况说明' },
];

export const glossaryPart: Part = { title: '名词解释', section: 'glossary' };

/** 附件: each 绩效自评 evaluation's 自评报告 and 自评表 (only when the dataset has evaluations). */
export const annexPart: Part = { title: '附件', section: 'annex.evaluations', when: 'evaluations' };
