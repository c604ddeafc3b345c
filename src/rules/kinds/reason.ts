// reason: a change beyond the threshold (against last year, or against the budget) needs a stated reason (N3).
import type { Fact } from '../../model/facts.js';
import { abs, divRound, formatPercent } from '../../money/index.js';
import { fill, label } from '../format.js';
import { resolve } from '../resolve.js';
import type { CheckInput, ReasonRule } from '../types.js';
import { combine, finding, notApplicable, type Evaluation } from './evaluation.js';

const DEFAULT_THRESHOLD = 1_000n; // 10.00%
const SANGONG = ['sangong.total', 'sangong.abroad', 'sangong.vehicle', 'sangong.reception'];
const EXPENSE_KINDS = ['expense.basic', 'expense.project', 'expense.remit', 'expense.operating', 'expense.affiliate_subsidy'];

/** The change in 0.01% (null = from a zero base to something). */
function changePct(current: bigint, base: bigint): bigint | null {
  if (base === 0n) return current === 0n ? 0n : null;
  return divRound(abs(current - base) * 10_000n, abs(base));
}

interface Comparison {
  key: string;
  subject: string;
  current: bigint;
  base: bigint;
}

function priorComparisons(input: CheckInput): Comparison[] {
  const out: Comparison[] = [];
  for (const f of input.facts) {
    if (f.year !== input.year - 1 || f.scenario !== 'actual' || f.source.kind !== 'dataset' || !f.source.path.startsWith('prior.')) continue;
    const cur = resolve(input, { concept: f.concept, where: f.dims });
    if (!cur) continue;
    const key = f.source.path.slice('prior.'.length);
    out.push({ key, subject: label(f.concept), current: cur.value, base: f.value });
  }
  return out;
}

function budgetComparisons(input: CheckInput): Comparison[] {
  const out: Comparison[] = [];
  for (const c of SANGONG) {
    const budget = resolve(input, { concept: c, scenario: 'budget' });
    const actual = resolve(input, { concept: c });
    if (budget && actual) out.push({ key: c, subject: `${label(c)}（与预算比）`, current: actual.value, base: budget.value });
  }
  const basis = input.completionBasis === 'initial' ? ['budget_initial', 'budget_adjusted'] : ['budget_adjusted', 'budget_initial'];
  const budgets = new Map<string, Fact>();
  for (const scenario of [...basis].reverse()) {
    for (const f of input.facts) {
      if (f.year === input.year && f.scenario === scenario && f.concept === 'expense.total' && f.dims.fund === 'general_budget' && f.dims.functional) {
        budgets.set(f.dims.functional, f);
      }
    }
  }
  if (budgets.size === 0) return out;
  // The actual spending of each code, in one pass over the facts.
  const actuals = new Map<string, bigint>();
  for (const f of input.facts) {
    const code = f.dims.functional;
    if (code === undefined || !budgets.has(code) || f.year !== input.year || f.scenario !== 'actual' || f.dims.fund !== 'general_budget' || !EXPENSE_KINDS.includes(f.concept)) continue;
    actuals.set(code, (actuals.get(code) ?? 0n) + f.value);
  }
  for (const [code, b] of budgets) {
    out.push({ key: `expense.general_budget@${code}`, subject: `一般公共预算财政拨款支出${code}（与预算比）`, current: actuals.get(code) ?? 0n, base: b.value });
  }
  return out;
}

export function evaluateReason(rule: ReasonRule, input: CheckInput): Evaluation {
  if (!input.reasons) return notApplicable;
  const threshold = input.changeThreshold ?? DEFAULT_THRESHOLD;
  const stated = input.reasons[rule.basis];
  const comparisons = rule.basis === 'vsPrior' ? priorComparisons(input) : budgetComparisons(input);
  if (comparisons.length === 0) return notApplicable;
  return combine(
    comparisons.map((c): Evaluation => {
      const pct = changePct(c.current, c.base);
      const beyond = pct === null || pct > threshold;
      if (!beyond || stated[c.key]) return { outcome: 'pass', findings: [] };
      const change = pct === null ? '从0变为非0' : `${formatPercent(pct)}%`;
      return {
        outcome: 'fail',
        findings: [finding(rule, {
          message: fill(rule.message, { subject: c.subject, change, threshold: `${formatPercent(threshold)}%` }),
          location: `reasons.${rule.basis}.${c.key}`,
        })],
      };
    }),
  );
}
