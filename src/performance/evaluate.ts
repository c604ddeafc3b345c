/**
 * A whole 绩效自评表 scored: the 预算执行率 row, every indicator with the
 * weight it carries, the total and its grade, and the stated self-score next
 * to the computed one. Pure: the report writers and the rule pack share it.
 *
 * Weights: when every indicator states its 分值 the form's weights are used.
 * Otherwise the default 一级 weights (产出 50, 效益 30, 满意度 10 — domain.md
 * §4.1) are split equally among the indicators of each 一级, to 0.01 point;
 * the first indicators of a group take the leftover 0.01s, so each group adds
 * up exactly. An 一级 without a default (投入, 过程 …) gets no weight and its
 * indicators are left for the reviewer.
 */
import type { Evaluation, EvaluationFundSource, EvaluationIndicator } from '../model/schema.js';
import type { Fen } from '../money/index.js';
import { add, formatFixed, parseDecimal, type Decimal } from './decimal.js';
import { parseActual, parseNature, parseTarget, type Grade, type ParsedValue } from './notation.js';
import { DEFAULT_WEIGHTS, gradeOf, scoreExecution, scoreIndicator, type ExecutionScore, type IndicatorScore } from './scoring.js';

export type ScoringVariant = 'national' | 'sichuan';

export interface ScoredIndicator {
  index: number;
  indicator: EvaluationIndicator;
  target: ParsedValue;
  actual: ParsedValue;
  /** Points the indicator is worth (two decimals); absent when no weight can be given. */
  weight?: string;
  weightSource: 'form' | 'default' | 'none';
  score: IndicatorScore;
}

export interface ScoredExecution extends ExecutionScore {
  /** The fund row the rate is read from. */
  source: EvaluationFundSource;
  budget: Fen;
  executed: Fen;
  weight: string;
}

export interface EvaluationScore {
  execution?: ScoredExecution;
  indicators: ScoredIndicator[];
  /** Σ points of everything scorable (execution row included), two decimals. */
  total: string;
  grade: Grade;
  /** Points the reviewer still has to award: weights of unscorable / far-exceeded indicators (and of the execution row when it has no figures). */
  pending: string;
  /** Indicators without an automatic score. */
  pendingCount: number;
  /** Σ weights (execution row included): 100 on a well-formed form. */
  weightTotal: string;
  weightSource: 'form' | 'default';
  /** The form's own 自评得分, when stated. */
  stated?: string;
}

/** Default weight of a 一级 by its name; undefined for frameworks without a default (投入, 过程 …). */
export function defaultLevel1Weight(level1: string): string | undefined {
  // 攀枝花 forms call the 产出 group 完成指标 (same 二级: 数量 / 质量 / 时效 / 成本).
  if (level1.includes('产出') || level1.includes('完成')) return DEFAULT_WEIGHTS.output;
  if (level1.includes('效益') || level1.includes('效果')) return DEFAULT_WEIGHTS.benefit;
  if (level1.includes('满意')) return DEFAULT_WEIGHTS.satisfaction;
  return undefined;
}

/** A target without a comparator is an amount to reach, or (成本指标) an amount not to exceed. */
export function impliedComparatorOf(ind: EvaluationIndicator): '≥' | '≤' {
  return /成本/u.test(ind.level2) ? '≤' : '≥';
}

/** Splits `total` points (a decimal string) into `n` shares of 0.01 that add up exactly. */
export function splitWeight(total: string, n: number): string[] {
  const d = parseDecimal(total);
  if (!d || n <= 0) return [];
  const hundredths = d.scale <= 2 ? d.units * 10n ** BigInt(2 - d.scale) : d.units / 10n ** BigInt(d.scale - 2);
  const base = hundredths / BigInt(n);
  const extra = Number(hundredths - base * BigInt(n));
  return Array.from({ length: n }, (_, i) => formatFixed({ units: base + (i < extra ? 1n : 0n), scale: 2 }, 2));
}

function weightsOf(ev: Evaluation): { weights: (string | undefined)[]; source: 'form' | 'default' } {
  const stated = ev.indicators.map((i) => i.weight?.trim());
  if (stated.length > 0 && stated.every((w) => w !== undefined && w !== '' && parseDecimal(w))) {
    return { weights: stated, source: 'form' };
  }
  const groups = new Map<string, number[]>();
  ev.indicators.forEach((ind, i) => groups.set(ind.level1, [...(groups.get(ind.level1) ?? []), i]));
  const weights: (string | undefined)[] = ev.indicators.map(() => undefined);
  for (const [level1, members] of groups) {
    const total = defaultLevel1Weight(level1);
    if (!total) continue;
    splitWeight(total, members.length).forEach((w, k) => (weights[members[k]!] = w));
  }
  return { weights, source: 'default' };
}

/** Fund rows in the order the execution rate is read from: 年度资金总额, else 财政拨款, else 一般公共预算. */
export const EXECUTION_SOURCES = ['total', 'fiscal', 'generalBudget'] as const;

/** The fund row the execution rate is read from: the first of EXECUTION_SOURCES with both figures. */
export function executionRow(ev: Evaluation): Evaluation['funds'][number] | undefined {
  for (const source of EXECUTION_SOURCES) {
    const row = ev.funds.find((f) => f.source === source && f.annual !== undefined && f.executed !== undefined);
    if (row) return row;
  }
  return undefined;
}

const ZERO: Decimal = { units: 0n, scale: 0 };

export function scoreEvaluation(ev: Evaluation, variant: ScoringVariant): EvaluationScore {
  let total = ZERO;
  let pending = ZERO;
  let weightTotal = ZERO;

  const executionWeight = DEFAULT_WEIGHTS.execution;
  weightTotal = add(weightTotal, parseDecimal(executionWeight)!);
  const row = executionRow(ev);
  let execution: ScoredExecution | undefined;
  if (row) {
    const e = scoreExecution(row.annual!.fen, row.executed!.fen, { variant, weight: executionWeight });
    execution = { ...e, source: row.source, budget: row.annual!.fen, executed: row.executed!.fen, weight: executionWeight };
    total = add(total, parseDecimal(e.points)!);
  } else {
    pending = add(pending, parseDecimal(executionWeight)!);
  }

  const { weights, source } = weightsOf(ev);
  const indicators = ev.indicators.map((indicator, index): ScoredIndicator => {
    const target = parseTarget(indicator.target);
    const actual = parseActual(indicator.actual, target);
    const weight = weights[index];
    if (weight === undefined) {
      return {
        index, indicator, target, actual, weightSource: 'none',
        score: { status: 'unscorable', reason: `一级指标“${indicator.level1}”没有默认权重，表中也未给出分值，请评审确定分值` },
      };
    }
    const nature = indicator.nature ? parseNature(indicator.nature) : undefined;
    const score = scoreIndicator({ target, actual, weight, impliedComparator: impliedComparatorOf(indicator), ...(nature ? { nature } : {}) });
    const w = parseDecimal(weight)!;
    weightTotal = add(weightTotal, w);
    if (score.points !== undefined && score.status !== 'far_exceeded') total = add(total, parseDecimal(score.points)!);
    else pending = add(pending, w);
    return { index, indicator, target, actual, weight, weightSource: source, score };
  });

  const stated = ev.selfScore?.trim();
  return {
    ...(execution ? { execution } : {}),
    indicators,
    total: formatFixed(total, 2),
    grade: gradeOf(total),
    pending: formatFixed(pending, 2),
    pendingCount: indicators.filter((i) => i.score.points === undefined || i.score.status === 'far_exceeded').length,
    weightTotal: formatFixed(weightTotal, 2),
    weightSource: source,
    ...(stated ? { stated } : {}),
  };
}

const scored = new WeakMap<Evaluation, Partial<Record<ScoringVariant, EvaluationScore>>>();

/**
 * scoreEvaluation computed once per evaluation and variant: a check scores every
 * form for its rules and again for the 附件 of the report it builds. Datasets are
 * not changed after parsing, so the evaluation object identifies its score.
 */
export function scoreEvaluationOnce(ev: Evaluation, variant: ScoringVariant): EvaluationScore {
  let byVariant = scored.get(ev);
  if (!byVariant) scored.set(ev, (byVariant = {}));
  return (byVariant[variant] ??= scoreEvaluation(ev, variant));
}

/** The highest total the form can still reach once the reviewer awards the pending points. */
export function maxTotal(s: EvaluationScore): string {
  return formatFixed(add(parseDecimal(s.total)!, parseDecimal(s.pending)!), 2);
}
