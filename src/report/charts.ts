/**
 * The report's charts as data (ChartBlock), built from the dataset and its
 * computed accounts. Pure: no Node, no ECharts; renderers draw the specs
 * (src/charts/svg.ts for HTML/PDF, src/render/docx/chartPart.ts for DOCX).
 *
 * Values are exact decimal strings in 万元 (every 分 kept, e.g. "614.667619");
 * `chartValueText` prints them with two decimals (四舍五入) like the report text,
 * and `chartShares` gives pie shares computed exactly as the text's 占比 are.
 */
import { lookupFunctional } from '../classification/index.js';
import { INCOME_SOURCES, type Accounts, type Dataset } from '../model/index.js';
import { divRound, exactDecimal, formatPercent, formatScaled, sharesOf, sum, type Fen } from '../money/index.js';
import { INCOME_LABELS } from './sections/income.js';
import type { ChartBlock, ChartSpec } from './tree.js';

export const CHART_IDS = [
  'totalsVsPrior',
  'incomeStructure',
  'expenseStructure',
  'generalBudgetChange',
  'generalBudgetStructure',
  'sangongComposition',
] as const;
export type ChartId = (typeof CHART_IDS)[number];

const UNIT = '万元';
const value = (fen: Fen): string => exactDecimal(fen, UNIT);

/** A prior-year money figure from `d.prior`, or undefined when not stated. */
function priorFen(d: Dataset, ...keys: string[]): Fen | undefined {
  for (const key of keys) {
    const v = d.prior[key];
    if (typeof v === 'object') return v.fen;
  }
  return undefined;
}

function block(id: ChartId, title: string, chart: ChartSpec): ChartBlock {
  return { kind: 'chart', id, title, chart };
}

interface Slice {
  name: string;
  fen: Fen;
}

/** A pie of the nonzero slices; undefined when nothing is left. */
function pie(id: ChartId, title: string, seriesName: string, slices: Slice[]): ChartBlock | undefined {
  const shown = slices.filter((s) => s.fen !== 0n);
  if (shown.length === 0) return undefined;
  return block(id, title, {
    type: 'pie',
    categories: shown.map((s) => s.name),
    series: [{ name: seriesName, values: shown.map((s) => value(s.fen)) }],
    unit: UNIT,
  });
}

/**
 * 收入支出决算总体情况: each side's prior-year figure against this year's.
 * 收入总计/支出总计 when the prior 总计 is known ("total.*"), otherwise
 * 本年收入合计/本年支出合计 ("income.total"/"expense.total"), as the text compares.
 */
function totalsVsPrior(d: Dataset, a: Accounts): ChartBlock | undefined {
  const sides: { name: string; prior: Fen; current: Fen }[] = [];
  const incomeTotal = priorFen(d, 'total.income', 'total.income_expense');
  const incomeYear = priorFen(d, 'income.total');
  if (incomeTotal !== undefined) sides.push({ name: '收入总计', prior: incomeTotal, current: a.grandIncome });
  else if (incomeYear !== undefined) sides.push({ name: '本年收入合计', prior: incomeYear, current: a.incomeTotal });
  const expenseTotal = priorFen(d, 'total.expense', 'total.income_expense');
  const expenseYear = priorFen(d, 'expense.total');
  if (expenseTotal !== undefined) sides.push({ name: '支出总计', prior: expenseTotal, current: a.grandExpense });
  else if (expenseYear !== undefined) sides.push({ name: '本年支出合计', prior: expenseYear, current: a.expense.total });
  if (sides.length === 0) return undefined;
  return block('totalsVsPrior', '收入支出决算总体情况', {
    type: 'bar',
    categories: [`${d.year - 1}年`, `${d.year}年`],
    series: sides.map((s) => ({ name: s.name, values: [value(s.prior), value(s.current)] })),
    unit: UNIT,
  });
}

function generalBudgetChange(d: Dataset, a: Accounts): ChartBlock | undefined {
  const prior = priorFen(d, 'expense.general_budget');
  if (prior === undefined) return undefined;
  return block('generalBudgetChange', '一般公共预算财政拨款支出决算变动情况', {
    type: 'bar',
    categories: [`${d.year - 1}年`, `${d.year}年`],
    series: [{ name: '一般公共预算财政拨款支出', values: [value(prior), value(a.byFund.generalBudget.total)] }],
    unit: UNIT,
  });
}

/** All charts the data supports; an entry is undefined when its chart would be empty or lacks a figure. */
export function buildCharts(d: Dataset, a: Accounts): Record<ChartId, ChartBlock | undefined> {
  const e = a.expense;
  const sa = a.sangong.actual;
  const known = (...parts: (Fen | undefined)[]): Fen => sum(parts.map((p) => p ?? 0n));
  return {
    totalsVsPrior: totalsVsPrior(d, a),
    incomeStructure: pie(
      'incomeStructure',
      '收入决算结构情况',
      '本年收入',
      INCOME_SOURCES.map((s) => ({ name: INCOME_LABELS[s], fen: a.income[s] })),
    ),
    expenseStructure: pie('expenseStructure', '支出决算结构情况', '本年支出', [
      { name: '基本支出', fen: e.basic },
      { name: '项目支出', fen: e.project },
      { name: '上缴上级支出', fen: e.remit },
      { name: '经营支出', fen: e.operating },
      { name: '对附属单位补助支出', fen: e.affiliateSubsidy },
    ]),
    generalBudgetChange: generalBudgetChange(d, a),
    generalBudgetStructure: pie(
      'generalBudgetStructure',
      '一般公共预算财政拨款支出决算结构情况',
      '一般公共预算财政拨款支出',
      a.byFund.generalBudget.byClass.map((c) => ({ name: lookupFunctional(c.code, d.year)?.name ?? c.code, fen: c.total })),
    ),
    sangongComposition: pie('sangongComposition', '“三公”经费财政拨款支出决算构成情况', '“三公”经费财政拨款支出', [
      { name: '因公出国（境）费', fen: known(sa.abroad) },
      { name: '公务用车购置及运行维护费', fen: sa.vehicle ?? known(sa.vehiclePurchase, sa.vehicleOperation) },
      { name: '公务接待费', fen: sa.reception ?? known(sa.receptionDomestic, sa.receptionForeign) },
    ]),
  };
}

// ---------------------------------------------------------------------------
// Printing chart values (shared by the SVG labels and the HTML data table).
// ---------------------------------------------------------------------------

/** A decimal string as an integer scaled by 10^scale; throws on anything that is not a plain decimal. */
function scaled(v: string, scale: number): bigint {
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(v.trim());
  if (!m) throw new Error(`chart value is not a decimal: "${v}"`);
  const frac = m[3] ?? '';
  const n = frac.length <= scale
    ? BigInt(m[2]! + frac.padEnd(scale, '0'))
    : divRound(BigInt(m[2]! + frac), 10n ** BigInt(frac.length - scale));
  return m[1] ? -n : n;
}

/** "614.667619" → "614.67": two decimals, 四舍五入 on the exact value, as the report text prints. */
export function chartValueText(v: string, decimals = 2): string {
  return formatScaled(scaled(v, decimals), decimals);
}

/**
 * Each value's share of the values' sum as "37.20" (no % sign), computed from
 * the exact values with the report's largest-remainder rule (they add up to 100.00).
 */
export function chartShares(values: readonly string[]): string[] {
  const digits = Math.max(2, ...values.map((v) => v.split('.')[1]?.length ?? 0));
  return sharesOf(values.map((v) => scaled(v, digits))).map(formatPercent);
}
