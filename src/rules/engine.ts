/**
 * Runs a rule pack over facts. Every rule ends in pass, fail,
 * not_applicable or insufficient_data; all findings are collected.
 */
import { evaluateCountVsList, evaluateRequired } from './kinds/required.js';
import type { Evaluation } from './kinds/evaluation.js';
import { evaluateBound, evaluateIdentity } from './kinds/identity.js';
import { evaluateNarrative } from './kinds/narrative.js';
import { evaluateReason } from './kinds/reason.js';
import { evaluateReference } from './kinds/reference.js';
import { evaluateRollup } from './kinds/rollup.js';
import { evaluateSelfEvaluation } from './kinds/selfEvaluation/index.js';
import { withFactIndex } from './resolve.js';
import type { CheckInput, CheckReport, Rule, RulePack, Severity } from './types.js';

function applies(rule: Rule, input: CheckInput): boolean {
  const kinds = rule.when?.unitKind;
  if (kinds && (!input.unit?.kind || !kinds.includes(input.unit.kind))) return false;
  return true;
}

function evaluate(rule: Rule, input: CheckInput): Evaluation {
  if (!applies(rule, input)) return { outcome: 'not_applicable', findings: [] };
  switch (rule.kind) {
    case 'identity':
      return evaluateIdentity(rule, input);
    case 'bound':
      return evaluateBound(rule, input);
    case 'rollup':
      return evaluateRollup(rule, input);
    case 'reference':
      return evaluateReference(rule, input);
    case 'reason':
      return evaluateReason(rule, input);
    case 'required':
      return evaluateRequired(rule, input);
    case 'countVsList':
      return evaluateCountVsList(rule, input);
    case 'narrative':
      return evaluateNarrative(rule, input);
    case 'selfEvaluation':
      return evaluateSelfEvaluation(rule, input);
  }
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function runRules(pack: RulePack, input: CheckInput): CheckReport {
  return withFactIndex(input.facts, () => runIndexed(pack, input));
}

function runIndexed(pack: RulePack, input: CheckInput): CheckReport {
  const results: CheckReport['results'] = [];
  const findings: CheckReport['findings'] = [];
  for (const rule of pack.rules) {
    const e = evaluate(rule, input);
    results.push({ rule: rule.id, outcome: e.outcome, ...(e.paths ? { paths: e.paths } : {}) });
    findings.push(...e.findings);
  }
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  return {
    rulesVersion: pack.version,
    results,
    findings,
    summary: { rules: results.length, pass: count('pass'), fail: count('fail'), notApplicable: count('not_applicable'), insufficientData: count('insufficient_data') },
  };
}

export function hasErrors(report: CheckReport): boolean {
  return report.findings.some((f) => f.severity === 'error');
}
