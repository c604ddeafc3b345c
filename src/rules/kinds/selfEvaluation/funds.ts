// Fund rows of a 自评表: parts add up, execution within budget, the reason a low rate needs.
import type { Evaluation, EvaluationFundSource } from '../../../model/schema.js';
import { abs, type Amount } from '../../../money/index.js';
import { formatPercent } from '../../../money/index.js';
import { FUND_SOURCE_LABELS } from '../../../performance/labels.js';
import { fill } from '../../format.js';
import type { CheckInput, SelfEvaluationRule } from '../../types.js';
import { combine, finding, notApplicable, type Evaluation as RuleEvaluation } from '../evaluation.js';
import { nameOf, toleranceOf, wan, type EvaluationContext } from './context.js';

type Field = 'initial' | 'annual' | 'executed';
const FIELDS: Record<Field, string> = { initial: '年初预算数', annual: '全年预算数', executed: '全年执行数' };
const SOURCES = FUND_SOURCE_LABELS;
/** 财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营 + 社保基金; 年度资金总额 = 财政拨款 + 上年结转 + 其他资金. */
const PARTS: [EvaluationFundSource, EvaluationFundSource[]][] = [
  ['fiscal', ['generalBudget', 'govFund', 'stateCapital', 'socialFund']],
  ['total', ['fiscal', 'carryover', 'other']],
];

const rowIndex = (ev: Evaluation, s: EvaluationFundSource) => ev.funds.findIndex((f) => f.source === s);

/** The amount of a row's field; 财政拨款 falls back to the sum of its parts when the form leaves it blank. */
function amountOf(ev: Evaluation, s: EvaluationFundSource, field: Field): Amount | undefined {
  const stated = ev.funds.find((f) => f.source === s)?.[field];
  if (stated || s !== 'fiscal') return stated;
  const parts = PARTS[0]![1].map((p) => amountOf(ev, p, field)).filter((a): a is Amount => a !== undefined);
  return parts.length === 0 ? undefined : { fen: parts.reduce((t, a) => t + a.fen, 0n), precision: parts.reduce((m, a) => (a.precision > m ? a.precision : m), 1n) };
}

export function fundsAddUp(rule: SelfEvaluationRule, input: CheckInput, ctx: EvaluationContext): RuleEvaluation {
  const { ev } = ctx;
  const parts: RuleEvaluation[] = [];
  for (const [whole, members] of PARTS) {
    const i = rowIndex(ev, whole);
    if (i < 0) continue;
    for (const field of Object.keys(FIELDS) as Field[]) {
      const total = ev.funds[i]![field];
      const amounts = members.map((m) => amountOf(ev, m, field));
      if (!total || amounts.every((a) => a === undefined)) continue;
      const sum = amounts.reduce((t, a) => t + (a?.fen ?? 0n), 0n);
      const tolerance = toleranceOf(input, [total, ...amounts]);
      if (abs(total.fen - sum) <= tolerance) {
        parts.push({ outcome: 'pass', findings: [] });
        continue;
      }
      parts.push({
        outcome: 'fail',
        findings: [finding(rule, {
          message: fill(rule.message, {
            name: nameOf(ctx), row: SOURCES[whole], field: FIELDS[field], stated: wan(total.fen), expected: wan(sum),
            parts: members.map((m) => SOURCES[m]).join('、'),
          }),
          stated: wan(total.fen), expected: wan(sum), difference: wan(total.fen - sum), tolerance: wan(tolerance), unit: '万元',
          location: `${ctx.path}.funds[${i}].${field}`,
        })],
      });
    }
  }
  return parts.length === 0 ? notApplicable : combine(parts);
}

export function overspend(rule: SelfEvaluationRule, input: CheckInput, ctx: EvaluationContext): RuleEvaluation {
  const { ev } = ctx;
  const parts = ev.funds.flatMap((row, i): RuleEvaluation[] => {
    if (!row.annual || !row.executed) return [];
    const tolerance = toleranceOf(input, [row.annual, row.executed]);
    if (row.executed.fen - row.annual.fen <= tolerance || ev.executionReason?.trim()) return [{ outcome: 'pass', findings: [] }];
    return [{
      outcome: 'fail',
      findings: [finding(rule, {
        message: fill(rule.message, { name: nameOf(ctx), row: SOURCES[row.source], stated: wan(row.executed.fen), expected: wan(row.annual.fen) }),
        stated: wan(row.executed.fen), expected: `≤ ${wan(row.annual.fen)}`, difference: wan(row.executed.fen - row.annual.fen), unit: '万元',
        location: `${ctx.path}.funds[${i}].executed`, related: [`${ctx.path}.funds[${i}].annual`, `${ctx.path}.executionReason`],
      })],
    }];
  });
  return parts.length === 0 ? notApplicable : combine(parts);
}

export function executionReason(rule: SelfEvaluationRule, input: CheckInput, ctx: EvaluationContext): RuleEvaluation {
  const e = ctx.score.execution;
  if (input.evaluationVariant !== 'sichuan' || !e) return notApplicable;
  if (!e.needsReason || ctx.ev.executionReason?.trim()) return { outcome: 'pass', findings: [] };
  const rate = e.rate === null ? '无法计算' : `${formatPercent(e.rate)}%`;
  return {
    outcome: 'fail',
    findings: [finding(rule, {
      message: fill(rule.message, { name: nameOf(ctx), rate }),
      stated: rate, expected: '≥ 90.00%', location: `${ctx.path}.executionReason`,
    })],
  };
}
