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
  const findings = parts.flatMap((p) => p.findings);
  const paths = [...new Set(parts.flatMap((p) => p.paths ?? []))];
  const has = (o: Outcome) => parts.some((p) => p.outcome === o);
  const outcome: Outcome = has('fail') ? 'fail' : has('pass') ? 'pass' : has('insufficient_data') ? 'insufficient_data' : 'not_applicable';
  return { outcome, findings, ...(paths.length > 0 ? { paths } : {}) };
}
