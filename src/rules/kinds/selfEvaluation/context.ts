/** What every self-evaluation check gets: the evaluation, where it sits, and its score (computed once). */
import type { Evaluation } from '../../../model/schema.js';
import { exactDecimal, type Amount } from '../../../money/index.js';
import { scoreEvaluationOnce, type EvaluationScore } from '../../../performance/evaluate.js';
import type { CheckInput } from '../../types.js';

export interface EvaluationContext {
  ev: Evaluation;
  index: number;
  /** Dataset path of the evaluation, e.g. "evaluations[1]". */
  path: string;
  score: EvaluationScore;
}

const byInput = new WeakMap<CheckInput, EvaluationContext[]>();

/**
 * Scores are computed once per evaluation and variant, however many rules (and
 * the report's 附件) look at them; the contexts once per input, however many
 * of the pack's 14 self-evaluation rules ask.
 */
export function contexts(input: CheckInput): EvaluationContext[] {
  let all = byInput.get(input);
  if (all) return all;
  const variant = input.evaluationVariant ?? 'national';
  all = (input.evaluations ?? []).map((ev, index) => ({ ev, index, path: `evaluations[${index}]`, score: scoreEvaluationOnce(ev, variant) }));
  byInput.set(input, all);
  return all;
}

export const wan = (fen: bigint): string => exactDecimal(fen, '万元');

/** Tolerance of a comparison between figures: none for the books, half a stated unit per figure for a published report. */
export function toleranceOf(input: CheckInput, amounts: (Amount | undefined)[]): bigint {
  if (input.precision === 'exact') return 0n;
  return amounts.reduce((t, a) => t + (a ? a.precision / 2n : 0n), 0n);
}

/** "“雪亮工程”建设和运维费" for messages. */
export function nameOf(ctx: EvaluationContext): string {
  const name = ctx.ev.name.includes('“') ? ctx.ev.name : `“${ctx.ev.name}”`;
  return `${ctx.ev.kind === 'department' ? '部门整体支出绩效自评' : '项目'}${name}`;
}
