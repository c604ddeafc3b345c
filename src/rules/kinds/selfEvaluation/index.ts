/**
 * The selfEvaluation rule kind: checks on each evaluation's 绩效自评表 and
 * report (funds, indicators, scores, copied text) and on the evaluations
 * against the unit's accounts. Scores come from src/performance.
 */
import type { CheckInput, SelfEvaluationRule } from '../../types.js';
import { combine, notApplicable, type Evaluation as RuleEvaluation } from '../evaluation.js';
import { contexts, type EvaluationContext } from './context.js';
import { copiedText } from './copiedText.js';
import { departmentFunds, formYear, narrativeIndicators, narrativeVsTable, projectFunds } from './crossChecks.js';
import { executionReason, fundsAddUp, overspend } from './funds.js';
import { costVsFunds, deviationReason, notation, selfScore, weights } from './indicators.js';

type PerEvaluation = (rule: SelfEvaluationRule, input: CheckInput, ctx: EvaluationContext) => RuleEvaluation;

const PER_EVALUATION: Partial<Record<SelfEvaluationRule['check'], PerEvaluation>> = {
  funds: fundsAddUp,
  overspend,
  executionReason,
  cost: costVsFunds,
  deviation: deviationReason,
  notation,
  weights,
  score: selfScore,
  narrative: narrativeVsTable,
  narrativeIndicator: narrativeIndicators,
  departmentFunds,
  year: formYear,
};

export function evaluateSelfEvaluation(rule: SelfEvaluationRule, input: CheckInput): RuleEvaluation {
  const all = contexts(input);
  if (all.length === 0) return notApplicable;
  if (rule.check === 'projectFunds') return projectFunds(rule, input, all);
  if (rule.check === 'copied') return copiedText(rule, all);
  const check = PER_EVALUATION[rule.check]!;
  return combine(all.map((ctx) => check(rule, input, ctx)));
}
