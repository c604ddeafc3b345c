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
];
