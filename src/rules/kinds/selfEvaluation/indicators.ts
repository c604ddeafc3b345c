// Indicators of a 自评表: cost indicators vs funds, unmet targets without a reason, cells that cannot be read, weights, the self-score.
import { MoneyParseError, parseAmount } from '../../../money/index.js';
import type { ParsedValue } from '../../../performance/notation.js';
import { compareText } from '../../../performance/decimal.js';
import { maxTotal } from '../../../performance/evaluate.js';
import { fill } from '../../format.js';
import type { CheckInput, SelfEvaluationRule } from '../../types.js';
import { combine, finding, insufficient, notApplicable, type Evaluation as RuleEvaluation } from '../evaluation.js';
import { nameOf, wan, type EvaluationContext } from './context.js';

const pass: RuleEvaluation = { outcome: 'pass', findings: [] };

/** A 成本指标's actual as money (万元 / 元, a bare number taking the target's unit), in 分; undefined for unit costs (元/人) and the like. */
function costFen(actual: ParsedValue): bigint | undefined {
  if (actual.kind !== 'quantity' || actual.comparator === '≥' || actual.comparator === '>') return undefined;
  if (actual.unit !== '万元' && actual.unit !== '元') return undefined;
  try {
    return parseAmount(actual.value, actual.unit).fen;
  } catch (e) {
    if (e instanceof MoneyParseError) return undefined;
    throw e;
  }
}

export function costVsFunds(rule: SelfEvaluationRule, _input: CheckInput, ctx: EvaluationContext): RuleEvaluation {
  const e = ctx.score.execution;
  const costs = ctx.score.indicators.filter((s) => s.indicator.level2.includes('成本')).map((s) => ({ actual: s.actual, j: s.index }));
  if (!e || costs.length === 0) return notApplicable;
  const values = costs.map(({ actual }) => costFen(actual));
  const money = values.filter((v): v is bigint => v !== undefined);
  if (money.length === 0) return insufficient;
  const sum = money.reduce((t, v) => t + v, 0n);
  const complete = money.length === costs.length;
  // Unit costs cannot be summed; with some of them the comparison only works one way.
  if (sum === e.executed || (sum < e.executed && !complete)) return pass;
  const over = sum > e.executed;
  return {
    outcome: 'fail',
    findings: [finding(rule, {
      message: fill(rule.message, {
        name: nameOf(ctx), stated: wan(sum), expected: wan(e.executed),
        relation: over ? '超过' : '少于', count: costs.length,
      }),
      stated: wan(sum), expected: wan(e.executed), difference: wan(sum - e.executed), unit: '万元',
      location: `${ctx.path}.indicators[${costs[0]!.j}].actual`,
      related: [...costs.slice(1).map(({ j }) => `${ctx.path}.indicators[${j}].actual`), `${ctx.path}.funds`],
    })],
  };
}

export function deviationReason(rule: SelfEvaluationRule, _input: CheckInput, ctx: EvaluationContext): RuleEvaluation {
  const parts = ctx.score.indicators.map((s): RuleEvaluation => {
    const missed = s.score.status === 'not_met' || s.score.status === 'partly';
    if (!missed) return notApplicable;
    if (s.indicator.deviation?.trim()) return pass;
    return {
      outcome: 'fail',
      findings: [finding(rule, {
        message: fill(rule.message, { name: nameOf(ctx), indicator: s.indicator.level3, target: s.indicator.target, actual: s.indicator.actual }),
        stated: s.indicator.actual, expected: s.indicator.target, location: `${ctx.path}.indicators[${s.index}].deviation`,
      })],
    };
  });
  return combine(parts);
}

export function notation(rule: SelfEvaluationRule, _input: CheckInput, ctx: EvaluationContext): RuleEvaluation {
  const parts = ctx.score.indicators.map((s): RuleEvaluation => {
    if (s.weightSource === 'none') return notApplicable; // the weights rule reports it
    if (s.score.status !== 'unscorable') return pass;
    const cell = s.target.kind === 'unparsed' ? 'target' : 'actual';
    return {
      outcome: 'fail',
      findings: [finding(rule, {
        message: fill(rule.message, { name: nameOf(ctx), indicator: s.indicator.level3, reason: s.score.reason ?? '' }),
        location: `${ctx.path}.indicators[${s.index}].${cell}`,
      })],
    };
  });
  return combine(parts);
}

export function weights(rule: SelfEvaluationRule, _input: CheckInput, ctx: EvaluationContext): RuleEvaluation {
  const s = ctx.score;
  if (ctx.ev.indicators.length === 0) return notApplicable;
  const noDefault = [...new Set(s.indicators.filter((i) => i.weightSource === 'none').map((i) => i.indicator.level1))];
  if (compareText(s.weightTotal, '100') === 0 && noDefault.length === 0) return pass;
  const why = noDefault.length > 0
    ? `一级指标“${noDefault.join('”“')}”没有默认权重，表中也未给出分值`
    : s.weightSource === 'form' ? '表中各指标分值与预算执行率10分合计不等于100分' : '按默认权重（产出50、效益30、满意度10、预算执行率10）计，缺少某类一级指标';
  return {
    outcome: 'fail',
    findings: [finding(rule, {
      message: fill(rule.message, { name: nameOf(ctx), total: s.weightTotal, why }),
      stated: s.weightTotal, expected: '100.00', unit: '分', location: `${ctx.path}.indicators`,
    })],
  };
}

export function selfScore(rule: SelfEvaluationRule, _input: CheckInput, ctx: EvaluationContext): RuleEvaluation {
  const s = ctx.score;
  if (s.stated === undefined) return notApplicable;
  const location = `${ctx.path}.selfScore`;
  if (ctx.ev.indicators.length === 0) {
    return {
      outcome: 'fail',
      findings: [finding(rule, {
        message: fill(rule.message, { name: nameOf(ctx), stated: s.stated, computed: '无法计算', detail: '，未给出绩效指标（未附评分表），得分无从复核' }),
        stated: s.stated, unit: '分', location,
      })],
    };
  }
  const max = maxTotal(s);
  const vsTotal = compareText(s.stated, s.total);
  const vsMax = compareText(s.stated, max);
  if (vsTotal === undefined || vsMax === undefined) {
    return { outcome: 'fail', findings: [finding(rule, { message: fill(rule.message, { name: nameOf(ctx), stated: s.stated, computed: s.total, detail: '，自评得分不是数字' }), stated: s.stated, unit: '分', location })] };
  }
  if (s.pendingCount === 0 ? vsTotal === 0 : vsMax <= 0) return s.pendingCount === 0 ? pass : insufficient;
  const detail = s.pendingCount === 0 ? '' : `（另有${s.pendingCount}项待评审，即使全部得满分最高为${max}分）`;
  return {
    outcome: 'fail',
    findings: [finding(rule, {
      message: fill(rule.message, { name: nameOf(ctx), stated: s.stated, computed: `${s.total}分，等级“${s.grade}”`, detail }),
      stated: s.stated, expected: s.pendingCount === 0 ? s.total : `≤ ${max}`, unit: '分', location,
    })],
  };
}
