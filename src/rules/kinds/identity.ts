// identity: a stated total equals the sum of its parts; bound: Σ small ≤ Σ large.
import { abs } from '../../money/index.js';
import { isTautology, locationOf, pathsOf, resolveSide, toleranceOf } from '../resolve.js';
import type { BoundRule, CheckInput, IdentityRule } from '../types.js';
import { comparisonFailure, insufficient, notApplicable, type Evaluation } from './evaluation.js';

export function evaluateIdentity(rule: IdentityRule, input: CheckInput): Evaluation {
  const left = resolveSide(input, rule.left);
  const right = resolveSide(input, rule.right);
  if (left.missing.length > 0 || right.missing.length > 0) return insufficient;
  if (isTautology(left, right)) return notApplicable;
  const paths = pathsOf([...left.facts, ...right.facts]);
  const tol = toleranceOf(input, left, right);
  const diff = left.value - right.value;
  if (abs(diff) <= tol) return { outcome: 'pass', findings: [], paths };
  return comparisonFailure(rule, {
    concept: rule.left[0]!.concept, stated: left.value, expected: right.value, tolerance: tol, location: locationOf(left.facts), paths,
  });
}

export function evaluateBound(rule: BoundRule, input: CheckInput): Evaluation {
  const small = resolveSide(input, rule.small);
  const large = resolveSide(input, rule.large);
  if (small.missing.length > 0 || large.missing.length > 0) return insufficient;
  const tol = toleranceOf(input, small, large);
  const paths = pathsOf([...small.facts, ...large.facts]);
  if (small.value <= large.value + tol) return { outcome: 'pass', findings: [], paths };
  return comparisonFailure(rule, {
    concept: rule.small[0]!.concept, stated: small.value, expected: large.value, tolerance: tol, location: locationOf(small.facts), paths, bound: true,
  });
}
