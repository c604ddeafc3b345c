// required: figures a required section needs; countVsList: a count below the names listed.
import { fill } from '../format.js';
import { resolve } from '../resolve.js';
import type { CheckInput, CountVsListRule, RequiredRule } from '../types.js';
import { combine, finding, notApplicable, type Evaluation } from './evaluation.js';

export function evaluateRequired(rule: RequiredRule, input: CheckInput): Evaluation {
  return combine(
    rule.terms.map(({ term, label, path }): Evaluation =>
      resolve(input, term)
        ? { outcome: 'pass', findings: [] }
        : { outcome: 'fail', findings: [finding(rule, { message: fill(rule.message, { label }), location: path })] },
    ),
  );
}

export function evaluateCountVsList(rule: CountVsListRule, input: CheckInput): Evaluation {
  const lists = input.lists ?? [];
  if (lists.length === 0) return notApplicable;
  return combine(
    lists.map((l): Evaluation => {
      if (l.names.length <= l.count) return { outcome: 'pass', findings: [] };
      return {
        outcome: 'fail',
        findings: [finding(rule, {
          message: fill(rule.message, { label: l.label, count: l.count, listed: l.names.length }),
          stated: String(l.count), expected: `≥ ${l.names.length}`, unit: '个', location: l.path,
        })],
      };
    }),
  );
}
