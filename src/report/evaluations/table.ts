/**
 * The 绩效自评表 of one evaluation as a table block, in the profile's layout
 * (domain.md §4.3):
 * - 四川: the seeds' (广元) form — 项目资金 rows 年度资金总额 / 财政拨款 (一般公共预算,
 *   政府性基金, 国有资本经营预算, 社保基金) / 其他资金 with 年初预算数, 全年预算数,
 *   全年执行数, 执行率; 年度总体目标; 绩效指标 一级/二级/三级, 年度指标值, 实际完成值,
 *   偏差原因 — plus the 分值 and 得分 columns and the 总分 row the seeds leave out;
 * - national: the 财预〔2020〕10号 form — a left label column, 项目资金 rows
 *   年度资金总额 / 当年财政拨款 / 上年结转资金 / 其他资金 with 分值 10, 执行率, 得分.
 */
import type { Evaluation, EvaluationFundSource } from '../../model/schema.js';
import { percentOf } from '../../money/index.js';
import type { EvaluationScore, ScoredIndicator } from '../../performance/evaluate.js';
import { maxTotal } from '../../performance/evaluate.js';
import { FUND_SOURCE_LABELS } from '../../performance/labels.js';
import { blank, head, text } from '../tables/common.js';
import type { Inline, TableBlock, TableCell } from '../tree.js';
import { fundFig, pointsFig, projectTitle, rateFig, type FundField } from './figures.js';

export type EvaluationForm = 'sichuan' | 'national';

interface FundRowSpec { source: EvaluationFundSource; label: string }

const SICHUAN_ROWS: FundRowSpec[] = [
  { source: 'total', label: '年度资金总额' },
  { source: 'fiscal', label: '（一）财政拨款小计' },
  { source: 'generalBudget', label: '1.一般公共预算' },
  { source: 'govFund', label: '2.政府性基金' },
  { source: 'stateCapital', label: '3.国有资本经营预算' },
  { source: 'socialFund', label: '4.社保基金' },
  { source: 'carryover', label: '（二）上年结转资金' },
  { source: 'other', label: '（三）其他资金' },
];
const NATIONAL_ROWS: FundRowSpec[] = [
  { source: 'total', label: '年度资金总额' },
  { source: 'fiscal', label: '其中：当年财政拨款' },
  { source: 'carryover', label: '上年结转资金' },
  { source: 'other', label: '其他资金' },
];

const cell = (content: Inline[], align: TableCell['align'] = 'right', span: { colSpan?: number; rowSpan?: number } = {}): TableCell => ({
  content, align, ...(span.colSpan && span.colSpan > 1 ? { colSpan: span.colSpan } : {}), ...(span.rowSpan && span.rowSpan > 1 ? { rowSpan: span.rowSpan } : {}),
});

function amount(ev: Evaluation, year: number, source: EvaluationFundSource, field: FundField): TableCell {
  const a = ev.funds.find((f) => f.source === source)?.[field];
  return a ? cell([fundFig(ev, year, source, field, a.fen)]) : blank();
}

function rate(ev: Evaluation, year: number, source: EvaluationFundSource): TableCell {
  const row = ev.funds.find((f) => f.source === source);
  const r = row?.annual && row.executed ? percentOf(row.executed.fen, row.annual.fen) : null;
  return r === null ? blank() : cell([rateFig(ev, year, r), '%']);
}

/** 得分 of the execution row: only on the row the rate is read from. */
function executionPoints(ev: Evaluation, year: number, s: EvaluationScore, source: EvaluationFundSource): TableCell {
  return s.execution?.source === source ? cell([pointsFig(ev, year, s.execution.points)]) : blank();
}

function pointsCell(ev: Evaluation, year: number, i: ScoredIndicator): TableCell {
  if (i.score.points === undefined || i.score.status === 'far_exceeded') return text('待评审', 'center');
  return cell([pointsFig(ev, year, i.score.points)]);
}

/** Indicator rows with 一级 and 二级 merged down their groups. */
function indicatorRows(ev: Evaluation, year: number, s: EvaluationScore, lead: TableCell[]): TableCell[][] {
  const rows: TableCell[][] = [];
  const list = s.indicators;
  list.forEach((i, k) => {
    const row: TableCell[] = k === 0 ? [...lead] : [];
    const first1 = k === 0 || list[k - 1]!.indicator.level1 !== i.indicator.level1;
    if (first1) {
      let n = 1;
      while (k + n < list.length && list[k + n]!.indicator.level1 === i.indicator.level1) n++;
      row.push(text(i.indicator.level1, 'center', { rowSpan: n }));
    }
    const first2 = first1 || list[k - 1]!.indicator.level2 !== i.indicator.level2;
    if (first2) {
      let n = 1;
      while (k + n < list.length && list[k + n]!.indicator.level1 === i.indicator.level1 && list[k + n]!.indicator.level2 === i.indicator.level2) n++;
      row.push(text(i.indicator.level2, 'center', { rowSpan: n }));
    }
    row.push(
      text(i.indicator.level3),
      text(i.indicator.target, 'center'),
      text(i.indicator.actual, 'center'),
      i.weight ? cell([pointsFig(ev, year, i.weight, 'evaluation.weight')]) : text('—', 'center'),
      pointsCell(ev, year, i),
      text(i.indicator.deviation?.trim() ?? ''),
    );
    rows.push(row);
  });
  return rows;
}

/** The note under the table: how it was scored and what the reviewer must still decide. */
function scoringNote(s: EvaluationScore): Inline[] {
  const pending = s.indicators.filter((i) => i.score.points === undefined || i.score.status === 'far_exceeded');
  const weights = s.weightSource === 'form' ? '分值取自评表' : '表中未列分值，按默认权重（预算执行率10分、产出指标50分、效益指标30分、满意度指标10分，同一一级指标内平均分配）计算';
  const lines = [`${weights}；得分由系统按评分规则计算。`];
  if (pending.length > 0) {
    lines.push(`以下${pending.length}项指标需评审人判断：${pending.map((i) => `“${i.indicator.level3}”（${i.score.reason ?? ''}）`).join('；')}。`);
  }
  return [lines.join('')];
}

export function evaluationTable(ev: Evaluation, year: number, s: EvaluationScore, form: EvaluationForm, unitName: string): TableBlock {
  // The evaluated name in the title tells the tables (and the XLSX sheets) apart.
  const title = `${ev.kind === 'department' ? `${ev.name}部门整体支出` : `${projectTitle(ev)}支出`}绩效自评表（${ev.year ?? year}年度）`;
  const national = form === 'national';
  // National: a label column, then 8; 四川: 8 columns.
  const lead = national ? 1 : 0;
  const width = 8 + lead;
  const body: TableCell[][] = [];

  body.push([head(ev.kind === 'department' ? '部门名称' : '项目名称', { colSpan: 1 + lead }), text(ev.kind === 'department' ? ev.name : projectTitle(ev), 'left', { colSpan: width - 1 - lead })]);
  body.push([head('主管部门', { colSpan: 1 + lead }), text(ev.department, 'left', { colSpan: 3 }), head('实施单位'), text(ev.implementer, 'left', { colSpan: width - 5 - lead })]);

  // 项目资金（万元）
  const rows = national ? NATIONAL_ROWS : SICHUAN_ROWS;
  const fundHeader: TableCell[] = national
    ? [head('项目资金（万元）', { rowSpan: rows.length + 1 }), blank({ colSpan: 2 }), head('年初预算数'), head('全年预算数'), head('全年执行数'), head('分值'), head('执行率'), head('得分')]
    : [head('项目资金（万元）', { rowSpan: rows.length + 1 }), blank({ colSpan: 2 }), head('年初预算数'), head('全年预算数'), head('全年执行数'), head('执行率'), head('得分')];
  body.push(fundHeader);
  for (const r of rows) {
    const cells = [text(r.label, 'left', { colSpan: 2 }), amount(ev, year, r.source, 'initial'), amount(ev, year, r.source, 'annual'), amount(ev, year, r.source, 'executed')];
    if (national) cells.push(r.source === 'total' ? cell([pointsFig(ev, year, '10.00', 'evaluation.weight')]) : blank());
    cells.push(rate(ev, year, r.source), executionPoints(ev, year, s, r.source));
    body.push(cells);
  }

  // 年度总体目标
  const half = Math.floor((width - 1) / 2);
  body.push([head('年度总体目标', { rowSpan: 2 }), head('预期目标', { colSpan: half }), head('实际完成情况', { colSpan: width - 1 - half })]);
  body.push([text(ev.goals?.expected.trim() ?? '', 'left', { colSpan: half }), text(ev.goals?.actual.trim() ?? '', 'left', { colSpan: width - 1 - half })]);

  // 绩效指标
  const indicatorHeader = [head('一级指标'), head('二级指标'), head('三级指标'), head('年度指标值'), head('实际完成值'), head('分值'), head('得分'), head('偏差原因分析及改进措施')];
  if (national) {
    const n = Math.max(1, s.indicators.length) + 1;
    body.push([head('绩效指标', { rowSpan: n }), ...indicatorHeader]);
  } else {
    body.push([head('绩效指标', { colSpan: width })]);
    body.push(indicatorHeader);
  }
  if (s.indicators.length === 0) body.push([text('自评表未列绩效指标', 'center', { colSpan: 8 })]);
  else body.push(...indicatorRows(ev, year, s, []));

  // 总分 and 等级
  const computed = ev.indicators.length > 0;
  body.push([
    head('总分', { colSpan: 5 + lead }),
    cell([pointsFig(ev, year, s.weightTotal, 'evaluation.weight')]),
    computed ? cell([pointsFig(ev, year, s.total)]) : text('—', 'center'),
    text(computed ? `等级：${s.grade}${s.pendingCount > 0 ? `（待评审${s.pendingCount}项，最高${maxTotal(s)}分）` : ''}` : '无法计算', 'left'),
  ]);
  body.push([head('自评得分', { colSpan: 5 + lead }), text(s.stated ? `${s.stated}` : '未填写', 'center', { colSpan: 3 })]);

  return {
    kind: 'table',
    id: `evaluation-${ev.kind}-${ev.name}`,
    title,
    unitName,
    moneyUnit: '万元',
    header: [],
    body,
    note: scoringNote(s),
    orientation: 'landscape',
  };
}
