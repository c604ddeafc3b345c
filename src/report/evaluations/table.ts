/**
 * The 绩效自评表 of one evaluation as a table block, in the profile's layout
 * (domain.md §4.3):
 * - 四川: the seeds' (广元) form — 项目资金 rows 年度资金总额 / 财政拨款 (一般公共预算,
 *   政府性基金, 国有资本经营预算, 社保基金) / 其他资金 with 年初预算数, 全年预算数,
 *   全年执行数, 执行率; 年度总体目标; 绩效指标 一级/二级/三级, 年度指标值, 实际完成值,
 *   偏差原因, and the unit's 自评得分; 分值/得分 columns only when the unit's form has them;
 * - national: the 财预〔2020〕10号 form — a left label column, 项目资金 rows
 *   年度资金总额 / 当年财政拨款 / 上年结转资金 / 其他资金 with 分值 10, 执行率, 得分.
 * Only the unit's own figures are printed (the amounts, its 分值, 得分 and 自评得分);
 * the 执行率 is their arithmetic. What juesuan scores itself is a check, not content.
 */
import type { Evaluation, EvaluationFundSource } from '../../model/schema.js';
import { percentOf } from '../../money/index.js';
import { parseDecimal } from '../../performance/decimal.js';
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

/** A figure the unit's form states (分值, 得分), as printed; blank when the form leaves it out. */
function statedPoints(ev: Evaluation, year: number, value: string | undefined, concept: 'evaluation.score' | 'evaluation.weight'): TableCell {
  const v = value?.trim();
  if (!v) return blank();
  return parseDecimal(v) ? cell([pointsFig(ev, year, v, concept)]) : text(v, 'center');
}

/** Indicator rows with 一级 and 二级 merged down their groups. */
function indicatorRows(ev: Evaluation, year: number, points: boolean): TableCell[][] {
  const rows: TableCell[][] = [];
  const list = ev.indicators;
  list.forEach((i, k) => {
    const row: TableCell[] = [];
    const first1 = k === 0 || list[k - 1]!.level1 !== i.level1;
    if (first1) {
      let n = 1;
      while (k + n < list.length && list[k + n]!.level1 === i.level1) n++;
      row.push(text(i.level1, 'center', { rowSpan: n }));
    }
    const first2 = first1 || list[k - 1]!.level2 !== i.level2;
    if (first2) {
      let n = 1;
      while (k + n < list.length && list[k + n]!.level1 === i.level1 && list[k + n]!.level2 === i.level2) n++;
      row.push(text(i.level2, 'center', { rowSpan: n }));
    }
    row.push(text(i.level3), text(i.target, 'center'), text(i.actual, 'center'));
    if (points) row.push(statedPoints(ev, year, i.weight, 'evaluation.weight'), statedPoints(ev, year, i.score, 'evaluation.score'));
    row.push(text(i.deviation?.trim() ?? ''));
    rows.push(row);
  });
  return rows;
}

/**
 * The 自评表 as the unit publishes it: its own figures only. The score juesuan
 * recomputes is a check (PE8), never printed here; 分值 and 得分 are the form's.
 * The 四川 form carries 分值/得分 columns only when the unit's form states them;
 * the national form always has them (财预〔2020〕10号).
 */
export function evaluationTable(ev: Evaluation, year: number, form: EvaluationForm, unitName: string): TableBlock {
  // The evaluated name in the title tells the tables (and the XLSX sheets) apart.
  const title = `${ev.kind === 'department' ? `${ev.name}部门整体支出` : `${projectTitle(ev)}支出`}绩效自评表（${ev.year ?? year}年度）`;
  const national = form === 'national';
  const points = national || ev.indicators.some((i) => i.weight?.trim() || i.score?.trim());
  // Indicator columns: 一级 二级 三级 指标值 完成值 [分值 得分] 偏差原因; national adds a label column in front.
  const lead = national ? 1 : 0;
  const width = (points ? 8 : 6) + lead;
  const body: TableCell[][] = [];

  body.push([head(ev.kind === 'department' ? '部门名称' : '项目名称', { colSpan: 1 + lead }), text(ev.kind === 'department' ? ev.name : projectTitle(ev), 'left', { colSpan: width - 1 - lead })]);
  body.push([head('主管部门', { colSpan: 1 + lead }), text(ev.department, 'left', { colSpan: 3 }), head('实施单位'), text(ev.implementer, 'left', { colSpan: width - 5 - lead })]);

  // 项目资金（万元）: national 年初/全年/执行 + 分值 + 执行率 + 得分; 四川 年初/全年/执行 + 执行率.
  const rows = national ? NATIONAL_ROWS : SICHUAN_ROWS;
  const values = national ? 6 : 4;
  const labelSpan = width - 1 - values;
  const fundHeader: TableCell[] = [head('项目资金（万元）', { rowSpan: rows.length + 1 }), blank({ colSpan: labelSpan }), head('年初预算数'), head('全年预算数'), head('全年执行数')];
  fundHeader.push(...(national ? [head('分值'), head('执行率'), head('得分')] : [head('执行率')]));
  body.push(fundHeader);
  for (const r of rows) {
    const cells = [text(r.label, 'left', { colSpan: labelSpan }), amount(ev, year, r.source, 'initial'), amount(ev, year, r.source, 'annual'), amount(ev, year, r.source, 'executed')];
    if (national) cells.push(r.source === 'total' ? cell([pointsFig(ev, year, '10', 'evaluation.weight')]) : blank());
    cells.push(rate(ev, year, r.source));
    if (national) cells.push(blank());
    body.push(cells);
  }

  // 年度总体目标
  const half = Math.floor((width - 1) / 2);
  body.push([head('年度总体目标', { rowSpan: 2 }), head('预期目标', { colSpan: half }), head('实际完成情况', { colSpan: width - 1 - half })]);
  body.push([text(ev.goals?.expected.trim() ?? '', 'left', { colSpan: half }), text(ev.goals?.actual.trim() ?? '', 'left', { colSpan: width - 1 - half })]);

  // 绩效指标
  const indicatorHeader = [head('一级指标'), head('二级指标'), head('三级指标'), head('年度指标值'), head('实际完成值'), ...(points ? [head('分值'), head('得分')] : []), head('偏差原因分析及改进措施')];
  if (national) {
    const n = Math.max(1, ev.indicators.length) + 1;
    body.push([head('绩效指标', { rowSpan: n }), ...indicatorHeader]);
  } else {
    body.push([head('绩效指标', { colSpan: width })]);
    body.push(indicatorHeader);
  }
  if (ev.indicators.length === 0) body.push([text('自评表未列绩效指标', 'center', { colSpan: width - lead })]);
  else body.push(...indicatorRows(ev, year, points));

  // 总分: the unit's 自评得分 (national: against the form's 100 points).
  // A missing 自评得分 is one gap, said once: in the 自评报告's 绩效情况 (a placeholder in a narrow cell wraps into its row).
  const score: TableCell = statedPoints(ev, year, ev.selfScore, 'evaluation.score');
  if (points) {
    body.push([head(national ? '总分' : '自评得分', { colSpan: 5 + lead }), national ? cell([pointsFig(ev, year, '100', 'evaluation.weight')]) : blank(), score, blank()]);
  } else {
    body.push([head('自评得分', { colSpan: 5 }), { ...score, align: 'left' }]);
  }

  return {
    kind: 'table',
    id: `evaluation-${ev.kind}-${ev.name}`,
    title,
    unitName,
    moneyUnit: '万元',
    header: [],
    body,
    orientation: 'landscape',
  };
}
