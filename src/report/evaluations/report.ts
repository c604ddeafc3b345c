/**
 * The 自评报告 of one evaluation: 基本情况, 资金申报及使用, 实施及管理, 绩效情况,
 * 评价结论及建议. Every figure is computed from the 自评表 data; the unit's own
 * texts (dataset `report`) follow the generated sentences as written, marked
 * `stated` so readers (and the checks) know they were not generated.
 */
import type { Evaluation } from '../../model/schema.js';
import { changeOf } from '../../money/index.js';
import type { EvaluationScore } from '../../performance/evaluate.js';
import { FUND_SOURCE_LABELS } from '../../performance/labels.js';
import { todo, wanFig } from '../phrases.js';
import type { Block, Inline, ParagraphBlock } from '../tree.js';
import { fundFig, pointsFig, projectTitle, rateFig } from './figures.js';

export interface ReportSection {
  title: string;
  blocks: Block[];
}

const para = (...content: Inline[]): ParagraphBlock => ({ kind: 'paragraph', content });
const statedParas = (text: string): ParagraphBlock[] =>
  text.split(/\n+/u).map((t) => t.trim()).filter(Boolean).map((t) => ({ kind: 'paragraph', content: [t], stated: true }));

/** A heading line and the unit's numbered items under it; nothing when the unit lists none. */
const listed = (lead: string, items: string[]): ParagraphBlock[] =>
  items.length === 0 ? [] : [para(lead), ...items.map((p, i): ParagraphBlock => ({ kind: 'paragraph', label: `${i + 1}.`, content: [p], stated: true }))];

/** Which of the unit's own texts goes under which heading (by the words of its key). */
const TOPICS: [key: 'basic' | 'funds' | 'management' | 'results' | 'conclusion', pattern: RegExp][] = [
  ['funds', /资金|收支/u],
  ['management', /实施|管理/u],
  ['results', /绩效情况|效益|完成情况/u],
  ['conclusion', /结论|建议|问题/u],
  ['basic', /概况|基本情况/u],
];

function statedByTopic(ev: Evaluation): { opening: string[]; byTopic: Record<string, string[]> } {
  const byTopic: Record<string, string[]> = {};
  const opening: string[] = [];
  for (const [key, text] of Object.entries(ev.report)) {
    const topic = TOPICS.find(([, re]) => re.test(key))?.[0];
    if (topic) (byTopic[topic] ??= []).push(text);
    else opening.push(text);
  }
  return { opening, byTopic };
}

function fundsSentence(ev: Evaluation, year: number, s: EvaluationScore, path: string): Inline[] {
  const e = s.execution;
  const row = e && ev.funds.find((f) => f.source === e.source);
  if (!e || !row) return [todo('自评表资金（年初预算数、全年预算数、全年执行数）', `${path}.funds`)];
  const runs: Inline[] = [`${year}年度`];
  if (row.initial) {
    runs.push('年初预算数', fundFig(ev, year, row.source, 'initial', row.initial.fen), '万元，');
  }
  runs.push('全年预算数', fundFig(ev, year, row.source, 'annual', e.budget), '万元');
  if (row.initial) {
    const c = changeOf(e.budget, row.initial.fen);
    if (c.direction === 'flat') runs.push('，与年初预算一致');
    else runs.push(`，比年初预算${c.direction === 'increase' ? '调增' : '调减'}`, wanFig('change.evaluation.funds', c.amount, { year, dims: { project: ev.name, fund: row.source } }), '万元');
  }
  runs.push('；全年执行数', fundFig(ev, year, row.source, 'executed', e.executed), '万元');
  runs.push(...(e.rate === null ? ['，全年预算数为0，无法计算预算执行率。'] : ['，预算执行率', rateFig(ev, year, e.rate), '%。']));
  const parts = ev.funds.filter((f) => f.source !== row.source && f.source !== 'total' && f.executed && f.executed.fen !== 0n);
  if (parts.length > 0) {
    runs.push('执行数中：');
    parts.forEach((f, i) => runs.push(i > 0 ? '，' : '', FUND_SOURCE_LABELS[f.source], fundFig(ev, year, f.source, 'executed', f.executed!.fen), '万元'));
    runs.push('。');
  }
  // A missing reason below 90 % (四川) is PE3's warning, not a placeholder in the text.
  if (e.needsReason && ev.executionReason?.trim()) runs.push(`执行率偏低的原因：${ev.executionReason.trim()}`);
  return runs;
}

/**
 * 绩效情况: how many indicators the form sets, the unit's own 偏差原因 for the
 * ones it explains, and its 自评得分. juesuan's own scoring (met or not, points,
 * grade) is a check (PE5, PE8), never a sentence of the public report.
 */
function resultSentences(ev: Evaluation, year: number, path: string): ParagraphBlock[] {
  const out: ParagraphBlock[] = [];
  if (ev.indicators.length > 0) out.push(para(`本次自评共设置三级指标${ev.indicators.length}项。`));
  for (const i of ev.indicators) {
    const why = i.deviation?.trim();
    if (why) out.push(para(`“${i.level3}”指标值${i.target}，实际完成值${i.actual}，偏差原因：${why}${/[。！？]$/u.test(why) ? '' : '。'}`));
  }
  const score = ev.selfScore?.trim();
  // The unit's own 评价结论 usually states its score already; say it once.
  const statedByUnit = [ev.conclusion, ...Object.values(ev.report)].some((t) => t?.includes('自评得分'));
  if (!score) out.push(para('自评得分：', todo('自评得分', `${path}.selfScore`)));
  else if (!statedByUnit) out.push(para('自评得分为', pointsFig(ev, year, score), '分。'));
  return out;
}

export function evaluationReport(ev: Evaluation, year: number, s: EvaluationScore, path: string): { opening: Block[]; sections: ReportSection[] } {
  const { opening, byTopic } = statedByTopic(ev);
  const stated = (topic: string) => (byTopic[topic] ?? []).flatMap(statedParas);
  const isDept = ev.kind === 'department';
  const basic: Block[] = [
    para(isDept
      ? `${ev.name}${year}年度部门整体支出绩效自评，主管部门为${ev.department}，实施单位为${ev.implementer}。`
      : `${projectTitle(ev)}的主管部门为${ev.department}，实施单位为${ev.implementer}。`),
    ...(ev.goals ? [para(`年度总体目标：${ev.goals.expected.trim()}`)] : [para(todo('年度总体目标', `${path}.goals`))]),
    ...stated('basic'),
  ];
  const management = stated('management');
  const conclusion: Block[] = [
    ...(ev.conclusion?.trim() ? [{ kind: 'paragraph', content: [ev.conclusion.trim()], stated: true } as ParagraphBlock] : []),
    // Only what the unit wrote: no “存在的问题：无” it did not say.
    ...listed('存在的问题：', ev.problems),
    ...listed('改进建议：', ev.suggestions),
    ...stated('conclusion'),
  ];
  return {
    opening: opening.flatMap(statedParas),
    sections: [
      { title: isDept ? '部门（单位）基本情况' : '项目基本情况', blocks: basic },
      { title: isDept ? '部门资金收支情况' : '项目资金申报及使用情况', blocks: [para(...fundsSentence(ev, year, s, path)), ...stated('funds')] },
      {
        title: isDept ? '部门预算管理情况' : '项目实施及管理情况',
        blocks: management.length > 0 ? management : [para(todo(isDept ? '部门预算管理情况' : '项目实施及管理情况', `${path}.report`))],
      },
      {
        title: isDept ? '部门整体绩效情况' : '项目绩效情况',
        blocks: [
          ...(ev.goals ? [para(`年度总体目标完成情况：${ev.goals.actual.trim()}`)] : []),
          ...resultSentences(ev, year, path),
          ...stated('results'),
        ],
      },
      { title: '评价结论及建议', blocks: conclusion },
    ],
  };
}
