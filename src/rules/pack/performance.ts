// 预算绩效管理 counts: consistent with each other and with the projects named.
import type { Rule } from '../types.js';

export const performanceRules: Rule[] = [
  {
    id: 'PM1', kind: 'countVsList', severity: 'error', scope: 'narrative',
    title: '项目个数不少于列出的项目名称数',
    why: '报告写“对……等N个项目”时，列出的名称不能多于N（米易样本写“18个项目”却列出19个名称）。',
    message: '{label}写为{count}个项目，但列出了{listed}个项目名称',
    hint: '核对项目个数和名称清单。',
  },
  {
    id: 'PM2', kind: 'bound', severity: 'warning', scope: 'field',
    title: '开展绩效自评的项目数 ≤ 编制绩效目标的项目数',
    why: '绩效自评以批复的绩效目标为依据（财预〔2020〕10号），没有目标的项目无从自评。',
    message: '开展绩效自评的项目{stated}个，多于编制绩效目标的项目{expected}个',
    hint: '核对绩效目标和绩效自评的项目数。',
    small: [{ concept: 'performance.self_evaluation' }], large: [{ concept: 'performance.targets' }],
  },
  {
    id: 'PM3', kind: 'bound', severity: 'warning', scope: 'field',
    title: '开展绩效监控的项目数 ≤ 编制绩效目标的项目数',
    why: '绩效监控跟踪的是绩效目标的实现程度。',
    message: '开展绩效监控的项目{stated}个，多于编制绩效目标的项目{expected}个',
    hint: '核对绩效目标和绩效监控的项目数。',
    small: [{ concept: 'performance.monitoring' }], large: [{ concept: 'performance.targets' }],
  },
  {
    id: 'PM4', kind: 'bound', severity: 'warning', scope: 'field',
    title: '编制绩效目标的项目数 ≤ 项目支出项目数',
    why: '绩效目标按项目编制，个数不能超过单位当年的项目数。',
    message: '编制绩效目标的项目{stated}个，多于项目支出项目{expected}个',
    hint: '核对项目总数和编制绩效目标的项目数。',
    small: [{ concept: 'performance.targets' }], large: [{ concept: 'performance.projects' }],
  },
  {
    id: 'PM5', kind: 'bound', severity: 'warning', scope: 'cross-table',
    title: '开展绩效自评的项目资金 ≤ 本年项目支出',
    why: '自评的项目资金是项目支出的一部分；超出往往说明自评报告的资金口径（全年预算、跨年资金）与决算不一致，或抄错。',
    message: '开展绩效自评的项目资金合计{stated}万元，超过本年项目支出{expected}万元',
    hint: '核对各自评项目的全年执行数与决算中的项目支出。',
    small: [{ concept: 'performance.self_evaluation_funds' }], large: [{ concept: 'expense.project' }],
  },
];
