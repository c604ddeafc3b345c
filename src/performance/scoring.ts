/**
 * Scoring a 绩效自评表 (performance self-evaluation form), domain.md §4.2:
 * each indicator against its target, the 预算执行率 (budget execution rate)
 * row, and the total with its grade. All arithmetic is exact: points are
 * fractions of bigints rounded once (四舍五入) to two decimals at the end.
 *
 * Decisions beyond the 10号 rule text (财预〔2020〕10号):
 * - Strict comparators: ">" is met only by a greater actual, "<" only by a
 *   smaller one. An actual exactly on the bound is `not_met`; its points still
 *   follow the proportional formula, which gives the full weight there, and the
 *   reason asks the reviewer to deduct. So totals stay computable and the
 *   miss is flagged rather than hidden or guessed.
 * - "=" is met only when equal. Otherwise points = weight × smaller / larger:
 *   the "≥" formula when short of the target, the "≤" formula when over it.
 *   A target without a written comparator ("171套") states an amount to
 *   reach: it is read as "≥" (met by 174套), or as "≤" for a cost indicator
 *   (成本指标: spending up to the amount), as the caller passes in
 *   `impliedComparator`; a 指标性质 the form states overrides both.
 * - Far exceeded: for "≥" and ">" targets greater than zero, an actual of at
 *   least `farExceedFactor` × target (default 2, the factor itself included)
 *   is `far_exceeded` with no points: 10号 wants a deduction fitting the
 *   deviation, which is the evaluator's judgement. Lower-is-better targets are
 *   not flagged.
 * - Status of a missed quantitative target: `partly` when the formula gives
 *   more than 0 and less than the weight, `not_met` when it gives 0 or (on a
 *   strict bound) the full weight.
 * - Qualitative grades: 优 90–100 %, 良 80–89 %, 中 60–79 %, 差 0–59 % of the
 *   weight. 优 scores the band's top (full weight); 良, 中 and 差 score the
 *   band's lower bound (80 %, 60 %, 0 %), so the automatic score never exceeds
 *   what the grade supports and the reviewer raises it within the band.
 */
import { formatScaled, percentOf, type Fen, type Percent } from '../money/index.js';
import { type Decimal, add, compare, formatDecimal, formatFixed, parseDecimal, roundUnits, unitsAt } from './decimal.js';
import {
  formatValue,
  toCommonUnit,
  type Comparator,
  type Grade,
  type ParsedValue,
  type QuantityItem,
} from './notation.js';

/** Default 一级 weights (national form): 产出 50, 效益 30, 满意度 10, 预算执行率 10. */
export const DEFAULT_WEIGHTS = {
  /** 产出指标 */
  output: '50',
  /** 效益指标 */
  benefit: '30',
  /** 满意度指标 */
  satisfaction: '10',
  /** 预算执行率 */
  execution: '10',
} as const;

export type ScoreStatus = 'met' | 'partly' | 'not_met' | 'far_exceeded' | 'qualitative' | 'unscorable';

export interface IndicatorScore {
  /** Exact points with two decimals (四舍五入 on the exact value); absent when a reviewer must decide. */
  points?: string;
  status: ScoreStatus;
  /** Why the indicator scored as it did, for the reviewer (Chinese). */
  reason?: string;
}

export interface IndicatorInput {
  target: ParsedValue;
  actual: ParsedValue;
  /** 分值 (points the indicator is worth), exact decimal string. */
  weight: string;
  /** 指标性质 when the form states it; overrides a comparator the target does not write. */
  nature?: Comparator | 'qualitative';
  /** The evaluator's grade for a qualitative indicator. */
  grade?: Grade;
  /** How a target written without a comparator ("171套") is read: "≥" (default), "≤" for 成本指标. */
  impliedComparator?: '≥' | '≤';
}

export interface ScoringOptions {
  /**
   * A "≥"/">" actual at or above this multiple of the target is flagged as
   * far exceeded. Default 2; must be greater than 1; Infinity turns the flag off.
   * A number is read by its decimal spelling (1.5 → "1.5"), never as a float.
   */
  farExceedFactor?: number | string;
}

/** Fraction of the grade band an automatic score takes (see the file comment). */
export const GRADE_SHARE: Record<Grade, { percent: bigint; band: string }> = {
  优: { percent: 100n, band: '90%–100%' },
  良: { percent: 80n, band: '80%–89%' },
  中: { percent: 60n, band: '60%–79%' },
  差: { percent: 0n, band: '0%–59%' },
};

const GRADE_WORDS: Record<string, Grade> = {
  优: '优', 优秀: '优', 良: '良', 良好: '良', 中: '中', 中等: '中', 差: '差', 较差: '差',
};

/** Actual texts that state the qualitative target was reached in full. */
const ACHIEVED = /^(?:已)?(?:达成|达到|完成)(?:了)?(?:预期|年度)(?:指标|目标)(?:值)?$/u;

// ---------------------------------------------------------------------------
// Exact points

/** weight × num / den, clamped to [0, weight], rounded to 2 decimals. */
function pointsOf(weight: Decimal, num: bigint, den: bigint): { text: string; share: -1 | 0 | 1 } {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const scale = 10n ** BigInt(weight.scale);
  // share: -1 nothing, 0 in between, 1 the whole weight (or more before the cap).
  const share: -1 | 0 | 1 = num <= 0n || weight.units === 0n ? -1 : num >= den ? 1 : 0;
  if (share === -1) return { text: '0.00', share };
  if (share === 1) return { text: formatFixed(weight, 2), share };
  return { text: formatScaled(roundUnits(weight.units * num, scale * den, 2), 2), share };
}

function ratioText(num: bigint, den: bigint): string {
  return formatScaled(roundUnits(num, den, 2), 2);
}

// ---------------------------------------------------------------------------
// Indicators

function unscorable(reason: string): IndicatorScore {
  return { status: 'unscorable', reason };
}

function factorOf(o?: ScoringOptions): Decimal | null {
  const f = o?.farExceedFactor;
  if (f === undefined) return { units: 2n, scale: 0 };
  if (f === Infinity) return null;
  const d = typeof f === 'number' && Number.isFinite(f) ? parseDecimal(String(f)) : typeof f === 'string' ? parseDecimal(f) : undefined;
  if (!d || compare(d, { units: 1n, scale: 0 }) <= 0) {
    throw new RangeError(`远超倍数应为大于1的数（收到 ${String(f)}）`);
  }
  return d;
}

const HIGHER_IS_BETTER: readonly Comparator[] = ['≥', '>'];

function isMet(cmp: Comparator, a: bigint, t: bigint): boolean {
  switch (cmp) {
    case '≥': return a >= t;
    case '>': return a > t;
    case '≤': return a <= t;
    case '<': return a < t;
    case '=': return a === t;
  }
}

/** Compares one quantity with its target; `cmp` is the effective comparator. */
function scoreQuantity(
  target: QuantityItem,
  actual: QuantityItem,
  cmp: Comparator,
  weight: Decimal,
  factor: Decimal | null,
): IndicatorScore {
  const tText = `${target.implied ? '' : cmp}${target.value}${target.unit}`;
  const aText = `${actual.comparator === '=' ? '' : actual.comparator}${actual.value}${actual.unit}`;
  const common = toCommonUnit(target, actual);
  if (!common) {
    const tu = target.unit === '' ? '没有单位' : `单位为“${target.unit}”`;
    const au = actual.unit === '' ? '没有单位' : `单位为“${actual.unit}”`;
    return unscorable(`单位不一致，无法比较：指标值“${tText}”${tu}，完成值“${aText}”${au}`);
  }
  const td = parseDecimal(common.a)!;
  const ad = parseDecimal(common.b)!;
  const s = Math.max(td.scale, ad.scale);
  const t = unitsAt(td, s);
  const a = unitsAt(ad, s);

  const farExceeded = (): IndicatorScore | undefined => {
    if (!factor || !HIGHER_IS_BETTER.includes(cmp) || t <= 0n) return undefined;
    const fs = 10n ** BigInt(factor.scale);
    if (a * fs < factor.units * t) return undefined;
    return {
      status: 'far_exceeded',
      reason:
        `完成值“${aText}”为指标值“${tText}”的${ratioText(a, t)}倍（达到${formatDecimal(factor)}倍），` +
        '指标值可能设定偏低；按规定应视偏离程度酌情扣分，请评审打分',
    };
  };

  // An actual written as a bound ("≥95%") decides only when the bound alone meets the target.
  if (actual.comparator !== '=') {
    const up = HIGHER_IS_BETTER.includes(actual.comparator);
    const sameWay = up === HIGHER_IS_BETTER.includes(cmp) && cmp !== '=';
    const strictOk = cmp === '≥' || cmp === '≤' || actual.comparator === '>' || actual.comparator === '<';
    const met = sameWay && (up ? a > t || (a === t && strictOk) : a < t || (a === t && strictOk));
    if (!met) return unscorable(`完成值“${aText}”只给出范围，无法判断是否达到指标值“${tText}”，请填写实际数值`);
    return farExceeded() ?? { status: 'met', points: formatFixed(weight, 2) };
  }

  if (isMet(cmp, a, t)) return farExceeded() ?? { status: 'met', points: formatFixed(weight, 2) };

  const implied = target.implied ? `（指标值未写比较符号，按“${cmp}”评分；如不是，请在指标性质中注明）` : '';
  let num: bigint;
  let den: bigint;
  let formula: string;
  if (cmp === '≥' || cmp === '>') {
    if (t <= 0n) return unscorable(`指标值“${tText}”不大于0，不能按“完成值/指标值”比例计分，请评审打分`);
    [num, den, formula] = [a, t, '分值×完成值/指标值'];
  } else if (cmp === '≤' || cmp === '<') {
    if (t < 0n || a <= 0n) {
      return unscorable(`指标值“${tText}”、完成值“${aText}”不能按“指标值/完成值”比例计分，请评审打分`);
    }
    [num, den, formula] = [t, a, '分值×指标值/完成值'];
  } else {
    if (t <= 0n || a < 0n) return unscorable(`指标值“${tText}”与完成值“${aText}”不相等，且不能按比例计分，请评审打分`);
    [num, den, formula] = a < t ? [a, t, '分值×完成值/指标值'] : [t, a, '分值×指标值/完成值'];
  }
  const p = pointsOf(weight, num, den);
  if (a === t) {
    // Only a strict comparator misses with an equal actual.
    return {
      status: 'not_met',
      points: p.text,
      reason: `完成值“${aText}”等于指标值，未达到“${cmp}”（严格${cmp === '>' ? '大于' : '小于'}）的要求；按${formula}计算为满分，请评审酌情扣分`,
    };
  }
  const verb = cmp === '≥' || cmp === '>' || (cmp === '=' && a < t) ? '未达到' : '超出';
  return {
    status: p.share === 0 ? 'partly' : 'not_met',
    points: p.text,
    reason: `完成值“${aText}”${verb}指标值“${tText}”，按${formula}计分${implied}`,
  };
}

function gradeScore(grade: Grade, weight: Decimal, how: string): IndicatorScore {
  const g = GRADE_SHARE[grade];
  const p = pointsOf(weight, g.percent, 100n);
  if (grade === '优') return { status: 'qualitative', points: p.text, reason: `${how}“优”，按满分计` };
  return {
    status: 'qualitative',
    points: p.text,
    reason: `${how}“${grade}”对应分值的${g.band}，按区间下限${g.percent}%计分，评审可在区间内上调`,
  };
}

function scoreQualitative(ind: IndicatorInput, weight: Decimal): IndicatorScore {
  if (ind.grade) return gradeScore(ind.grade, weight, '评审等级');
  const { actual, target } = ind;
  if (actual.kind === 'unparsed') return unscorable(`完成值“${actual.text}”无法识别：${actual.reason}`);
  if (actual.kind === 'qualitative') {
    const text = actual.text.replace(/\s+/g, '');
    const grade = GRADE_WORDS[text];
    if (grade) return gradeScore(grade, weight, '完成值等级');
    if (ACHIEVED.test(text)) return { status: 'met', points: formatFixed(weight, 2) };
    if (target.kind === 'qualitative' && target.text.replace(/\s+/g, '') === text) {
      return unscorable(`完成值与指标值文字相同（“${actual.text}”），可能表示已达成；请评审确认并给出等级`);
    }
    return unscorable(`完成值“${actual.text}”不是等级（优/良/中/差），也不是“达成预期指标”，请评审定档`);
  }
  return unscorable(`定性指标的完成值“${formatValue(actual)}”不是等级或文字结论，请评审定档`);
}

/**
 * Scores one indicator (domain.md §4.2). Never throws on form data: what it
 * cannot score comes back `unscorable` with a Chinese reason.
 */
export function scoreIndicator(ind: IndicatorInput, o?: ScoringOptions): IndicatorScore {
  const factor = factorOf(o);
  const weight = parseDecimal(ind.weight.trim());
  if (!weight || weight.units < 0n) return unscorable(`分值“${ind.weight}”不是有效的非负数`);
  const { target, actual, nature } = ind;

  // A period ("1年") keeps the period rule even when the form states a 指标性质.
  const quantitative =
    nature !== 'qualitative' &&
    (target.kind === 'quantity' || target.kind === 'quantities' || (nature !== undefined && target.kind !== 'period'));
  if (!quantitative) {
    if (target.kind === 'period' && !ind.grade) {
      if (actual.kind === 'period' && actual.text === target.text) return { status: 'met', points: formatFixed(weight, 2) };
      return unscorable(`完成时限“${formatValue(actual)}”与指标值“${target.text}”不一致，请评审判断`);
    }
    if (target.kind === 'unparsed' && !ind.grade) return unscorable(`指标值“${target.text}”无法识别：${target.reason}`);
    return scoreQualitative(ind, weight);
  }

  if (ind.grade) return unscorable('定量指标按完成值计分，不使用等级；如需人工打分，请直接填写得分');
  if (target.kind === 'unparsed') return unscorable(`指标值“${target.text}”无法识别：${target.reason}`);
  if (actual.kind === 'unparsed') return unscorable(`完成值“${actual.text}”无法识别：${actual.reason}`);
  if (target.kind !== 'quantity' && target.kind !== 'quantities') {
    return unscorable(`指标性质为“${nature}”，但指标值“${formatValue(target)}”不是数值`);
  }

  const effective = (item: QuantityItem): Comparator | IndicatorScore => {
    if (nature === undefined) return item.implied ? (ind.impliedComparator ?? '≥') : item.comparator;
    if (!item.implied && item.comparator !== nature) {
      return unscorable(`指标性质“${nature}”与指标值“${formatValue({ kind: 'quantity', ...item })}”中的符号不一致`);
    }
    return nature;
  };

  if (target.kind === 'quantity') {
    if (actual.kind !== 'quantity') {
      return unscorable(`完成值“${formatValue(actual)}”不是单个数值，无法与指标值“${formatValue(target)}”比较，请评审打分`);
    }
    const cmp = effective(target);
    if (typeof cmp !== 'string') return cmp;
    return scoreQuantity(target, actual, cmp, weight, factor);
  }

  // Several quantities in one cell: scored automatically only when every pair is met.
  if (actual.kind !== 'quantities' || actual.items.length !== target.items.length) {
    return unscorable(`指标值“${formatValue(target)}”含${target.items.length}个数量，完成值“${formatValue(actual)}”与之不能一一对应，请评审打分`);
  }
  const results = target.items.map((item, i) => {
    const cmp = effective(item);
    return typeof cmp === 'string' ? scoreQuantity(item, actual.items[i]!, cmp, weight, factor) : cmp;
  });
  const far = results.find((r) => r.status === 'far_exceeded');
  if (far) return far;
  if (results.every((r) => r.status === 'met')) return { status: 'met', points: formatFixed(weight, 2) };
  const why = results.filter((r) => r.status !== 'met').map((r) => r.reason).join('；');
  return unscorable(`一格内有多个数量，未全部达成（${why}），请评审拆分打分`);
}

// ---------------------------------------------------------------------------
// 预算执行率 (budget execution rate)

export interface ExecutionScore {
  /** 执行率 in 0.01 % (rounded once); null when the budget is zero. */
  rate: Percent | null;
  /** weight × executed / budget, capped at the weight, 2 decimals (四舍五入 on the exact ratio). */
  points: string;
  /** The 四川 form asks for a reason below 90 %; a zero budget always needs one. */
  needsReason: boolean;
  reason?: string;
}

/**
 * Scores the 预算执行率 row. `budget` is 全年预算数 on the national form and
 * 调整后预算数 on the 四川 form; `executed` is 全年执行数 / 预算执行数.
 * Points come from the exact ratio, not from the rounded rate, and the 90 %
 * test uses the exact ratio too (89.996 % shows as 90.00 % yet needs a reason).
 */
export function scoreExecution(
  budget: Fen,
  executed: Fen,
  o: { variant: 'national' | 'sichuan'; weight?: string },
): ExecutionScore {
  const weightText = o.weight ?? DEFAULT_WEIGHTS.execution;
  const weight = parseDecimal(weightText);
  if (!weight || weight.units < 0n) throw new RangeError(`预算执行率分值“${weightText}”不是有效的非负数`);
  const rate = percentOf(executed, budget);
  if (rate === null) {
    return { rate: null, points: '0.00', needsReason: true, reason: '预算数为0，无法计算执行率，请说明原因' };
  }
  const points = pointsOf(weight, executed, budget).text;
  // executed / budget < 90 %  ⇔  10 × executed < 9 × budget (for a positive budget).
  const sign = budget < 0n ? -1n : 1n;
  const below90 = sign * 10n * executed < sign * 9n * budget;
  const needsReason = o.variant === 'sichuan' && below90;
  return needsReason
    ? { rate, points, needsReason, reason: '预算执行率低于90%，需说明原因' }
    : { rate, points, needsReason };
}

// ---------------------------------------------------------------------------
// Total and grade

/** Grade of a total: 90(含)–100 优, 80(含)–90 良, 60(含)–80 中, below 60 差. */
export function gradeOf(total: Decimal): Grade {
  if (compare(total, { units: 90n, scale: 0 }) >= 0) return '优';
  if (compare(total, { units: 80n, scale: 0 }) >= 0) return '良';
  if (compare(total, { units: 60n, scale: 0 }) >= 0) return '中';
  return '差';
}

/**
 * 总分 = 执行率得分 + Σ 指标得分. The total is shown with two decimals
 * (四舍五入); the grade is read from the exact sum.
 */
export function totalScore(parts: string[]): { total: string; grade: Grade } {
  let sum: Decimal = { units: 0n, scale: 0 };
  for (const part of parts) {
    const d = parseDecimal(part.trim());
    if (!d) throw new RangeError(`得分“${part}”不是有效数字`);
    sum = add(sum, d);
  }
  return { total: formatFixed(sum, 2), grade: gradeOf(sum) };
}
