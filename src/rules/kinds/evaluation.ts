import { fill, formatValue } from '../format.js';
import type { Finding, Outcome, Rule } from '../types.js';

/** What evaluating one rule gives: its outcome, findings, and the paths it compared. */
export interface Evaluation {
  outcome: Outcome;
  findings: Finding[];
  paths?: string[];
}

export const notApplicable: Evaluation = { outcome: 'not_applicable', findings: [] };
export const insufficient: Evaluation = { outcome: 'insufficient_data', findings: [] };

export function finding(rule: Rule, f: Omit<Finding, 'rule' | 'severity' | 'hint'>): Finding {
  return { rule: rule.id, severity: rule.severity, hint: rule.hint, ...f };
}

/** Combines the evaluations of several instances of one rule (e.g. every node of a tree). */
export function combine(parts: Evaluation[]): Evaluation {
  // Plain loops: every rule of every check ends here, often with many parts.
  const findings: Finding[] = [];
  let paths: Set<string> | undefined;
  let fail = false;
  let pass = false;
  let insufficientData = false;
  for (const p of parts) {
    for (const f of p.findings) findings.push(f);
    if (p.paths) for (const path of p.paths) (paths ??= new Set()).add(path);
    if (p.outcome === 'fail') fail = true;
    else if (p.outcome === 'pass') pass = true;
    else if (p.outcome === 'insufficient_data') insufficientData = true;
  }
  const outcome: Outcome = fail ? 'fail' : pass ? 'pass' : insufficientData ? 'insufficient_data' : 'not_applicable';
  return { outcome, findings, ...(paths && paths.size > 0 ? { paths: [...paths] } : {}) };
}

/** A failed comparison of two figures: the message filled in, values formatted in the concept's unit. */
export function comparisonFailure(
  rule: Rule,
  c: { concept: string; stated: bigint; expected: bigint; tolerance: bigint; location: string; paths: string[]; bound?: boolean; vars?: Record<string, string> },
): Evaluation {
  const fmt = (v: bigint) => formatValue(c.concept, v).text;
  const vars = {
    stated: fmt(c.stated), expected: fmt(c.expected), difference: fmt(c.stated - c.expected), tolerance: fmt(c.tolerance),
    unit: formatValue(c.concept, 0n).unit, ...c.vars,
  };
  return {
    outcome: 'fail',
    paths: c.paths,
    findings: [
      finding(rule, {
        message: fill(rule.message, vars),
        stated: vars.stated, expected: c.bound ? `≤ ${vars.expected}` : vars.expected,
        difference: vars.difference, tolerance: vars.tolerance, unit: vars.unit,
        location: c.location,
        related: c.paths.filter((p) => p !== c.location),
      }),
    ],
  };
}
