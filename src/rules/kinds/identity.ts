// identity: a stated total equals the sum of its parts; bound: Σ small ≤ Σ large.
import { abs } from '../../money/index.js';
import { fill, formatValue } from '../format.js';
import { isTautology, locationOf, pathsOf, resolveSide, toleranceOf } from '../resolve.js';
import type { BoundRule, CheckInput, IdentityRule } from '../types.js';
import { finding, insufficient, notApplicable, type Evaluation } from './evaluation.js';

export function evaluateIdentity(rule: IdentityRule, input: CheckInput): Evaluation {
  const left = resolveSide(input, rule.left);
  const right = resolveSide(input, rule.right);
  if (left.missing.length > 0 || right.missing.length > 0) return insufficient;
  if (isTautology(left, right)) return notApplicable;
  const paths = pathsOf([...left.facts, ...right.facts]);
  const tol = toleranceOf(input, left, right);
  const diff = left.value - right.value;
  if (abs(diff) <= tol) return { outcome: 'pass', findings: [], paths };
  const c = rule.left[0]!.concept;
  const fmt = (v: bigint) => formatValue(c, v).text;
  const vars = { stated: fmt(left.value), expected: fmt(right.value), difference: fmt(diff), tolerance: fmt(tol), unit: formatValue(c, 0n).unit };
  const location = locationOf(left.facts);
  return {
    outcome: 'fail',
    paths,
    findings: [
      finding(rule, {
        message: fill(rule.message, vars),
        stated: vars.stated, expected: vars.expected, difference: vars.difference, tolerance: vars.tolerance, unit: vars.unit,
        location,
        related: paths.filter((p) => p !== location),
      }),
    ],
  };
}

export function evaluateBound(rule: BoundRule, input: CheckInput): Evaluation {
  const small = resolveSide(input, rule.small);
  const large = resolveSide(input, rule.large);
  if (small.missing.length > 0 || large.missing.length > 0) return insufficient;
  const tol = toleranceOf(input, small, large);
  const paths = pathsOf([...small.facts, ...large.facts]);
  if (small.value <= large.value + tol) return { outcome: 'pass', findings: [], paths };
  const c = rule.small[0]!.concept;
  const fmt = (v: bigint) => formatValue(c, v).text;
  const vars = {
    stated: fmt(small.value), expected: fmt(large.value), difference: fmt(small.value - large.value), tolerance: fmt(tol), unit: formatValue(c, 0n).unit,
  };
  return {
    outcome: 'fail',
    paths,
    findings: [
      finding(rule, {
        message: fill(rule.message, vars),
        stated: vars.stated, expected: `≤ ${vars.expected}`, difference: vars.difference, tolerance: vars.tolerance, unit: vars.unit,
        location: locationOf(small.facts),
        related: paths.filter((p) => p !== locationOf(small.facts)),
      }),
    ],
  };
}
