// 预算绩效管理情况: 事前绩效评估, 绩效目标, 绩效监控, 绩效自评 and the projects named.
import { para, type SectionContext, type SectionWriter } from '../context.js';
import { countFig, todo } from '../phrases.js';
import { annexItems, annexPartNumber } from './annex.js';
import type { Inline } from '../tree.js';

type Step = 'preAssessment' | 'targets' | 'monitoring' | 'selfEvaluation';
const CONCEPTS: Record<Step, string> = {
  preAssessment: 'performance.pre_assessment',
  targets: 'performance.targets',
  monitoring: 'performance.monitoring',
  selfEvaluation: 'performance.self_evaluation',
};

/** "对A、B等15个项目" / "对A、B共2个项目" / "对15个项目". */
function projects(ctx: SectionContext, step: Step, verb: string, none: string): Inline[] {
  const s = ctx.d.performance[step];
  if (!s) return [todo(`${verb}项目数`, `performance.${step}.count`)];
  if (s.count === 0) return [none];
  const names = (s.projects ?? []).map(quoteName);
  const n = countFig(CONCEPTS[step], s.count, '个', ctx.fig);
  if (names.length === 0) return ['对', n, `个项目${verb}`];
  const join = names.length < s.count ? '等' : '共';
  return [`对${names.join('')}${join}`, n, `个项目${verb}`];
}

/** A project name in Chinese quotes; quotes inside it become single quotes (“‘清廉米易’进万家宣传册”). */
function quoteName(name: string): string {
  if (/^“[^“”]*”$/.test(name)) return name;
  return `“${name.replace(/[“"]/g, '‘').replace(/[”]/g, '’')}”`;
}

export const performanceSection: SectionWriter = (ctx) => {
  const runs: Inline[] = [
    `根据预算绩效管理要求，${ctx.self}在${ctx.year}年度预算编制阶段，组织`,
    ...projects(ctx, 'preAssessment', '开展了预算事前绩效评估', '未开展预算事前绩效评估'), '，',
    ...projects(ctx, 'targets', '编制了绩效目标', '未编制项目绩效目标'), '；预算执行过程中，',
    ...projects(ctx, 'monitoring', '开展了绩效监控', '未开展绩效监控'), '；年终执行完毕后，',
    ...projects(ctx, 'selfEvaluation', '开展了绩效自评', '未开展项目绩效自评'), '。',
  ];
  const dept = ctx.d.performance.departmentEvaluation;
  if (dept === true) runs.push(`同时，${ctx.self}对${ctx.year}年度${ctx.d.unit.level}整体支出开展了绩效自评。`);
  // Where the 自评报告 and 自评表 are: the 附件 by their printed numbers and titles.
  const annex = annexItems(ctx.d, ctx.profile);
  const part = annexPartNumber(ctx.d, ctx.profile);
  if (annex.length > 0 && part) {
    runs.push(`绩效自评报告及自评表见${part}附件：${annex.map((x) => `${x.number}《${x.title}》`).join('；')}。`);
  }
  return { blocks: [para(...runs)] };
};
