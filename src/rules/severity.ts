/**
 * One severity for one checked fact, for `check` and `audit` alike.
 *
 * The rule pack's rules carry their severity. The audit's text rules (figures
 * read back from a published report) either check the same fact as a pack rule
 * — then they take that rule's severity (`sameAs`) — or a fact only a text has
 * (a year label, a placeholder left in, a heading number), with a severity of
 * their own here. An audit finding is 确定 (error) only when its rule's
 * severity is error *and* the reading is certain; otherwise 疑似 (warning).
 * So a comparison `check` calls a warning is never 确定 in `audit`.
 */
import { RULE_PACK } from './pack/index.js';
import type { Severity } from './types.js';

export type TextRuleSeverity = { severity: Severity; sameAs?: undefined } | { sameAs: string; severity?: undefined };

/** The audit's text rules by id (src/audit/rules), with the pack rule each shares a fact with. */
export const TEXT_RULE_SEVERITIES: Readonly<Record<string, TextRuleSeverity>> = {
  // One figure stated twice with two values: on real reports read blind, most such pairs were another scope, year
  // or budget the reading could not tell apart (1 of 8 right as 确定 at first measurement) — a reviewer's lead, 疑似.
  'TX-duplicate': { severity: 'warning' },
  'TX-year': { severity: 'error' },
  'TX-share': { severity: 'error' },
  'TX-change': { severity: 'error' },
  'TX-rate': { severity: 'error' },
  'TX-completion': { severity: 'error' },
  'TX-parts': { severity: 'error' },
  'TX-list': { sameAs: 'PM1' },
  // Heading numbers: web pages and converted Word files lose and merge numbers (2 of 8 right as 确定 on real
  // reports read blind) — 疑似.
  'TX-numbering': { severity: 'warning' },
  'TX-sections': { sameAs: 'ST1-sections' },
  'TX-template': { sameAs: 'ST2-todo' },
  'TX-copy': { sameAs: 'PE10' },
  'TX-project-name': { sameAs: 'PE10' },
  // The form's own arithmetic: 执行率 = 执行数 ÷ 全年预算数 as printed.
  'PF-rate': { severity: 'error' },
  // The report's words against the form's figures (PE9 compares the same in a dataset).
  'PF-funds': { sameAs: 'PE9' },
  // Printed scores against each other: the report's 自评得分 and the form's 总分, 总分 ≥ Σ 得分, 得分 ≤ 分值.
  'PF-score': { severity: 'error' },
  // A printed score against what juesuan's scoring rules give: a reviewer's matter, as in check.
  'PF-score-rules': { sameAs: 'PE8' },
  'PF-deviation': { sameAs: 'PE5' },
  // The standard tables read from a published PDF, DOCX or HTML (src/audit/tables): a table's own sums and the text
  // against its cells. 确定 only when no blank cell had to be taken as zero.
  'TB-row': { severity: 'error' },
  'TB-tree': { severity: 'error' },
  'TB-total': { severity: 'error' },
  'TB-basic': { severity: 'error' },
  'TB-cross': { severity: 'error' },
  'TB-text': { severity: 'error' },
};

const PACK_SEVERITY = new Map(RULE_PACK.rules.map((r) => [r.id, r.severity]));

/** The severity of a pack rule or an audit text rule; throws for an id in neither table. */
export function severityOf(rule: string): Severity {
  const own = PACK_SEVERITY.get(rule);
  if (own) return own;
  const t = TEXT_RULE_SEVERITIES[rule];
  if (!t) throw new Error(`rule ${rule} has no severity in src/rules/severity.ts`);
  if (t.severity) return t.severity;
  const same = PACK_SEVERITY.get(t.sameAs);
  if (!same) throw new Error(`rule ${rule} names ${t.sameAs}, which is not in the rule pack`);
  return same;
}

/** An audit finding's severity: error only when the rule's severity is error and the reading is certain. */
export function auditSeverity(rule: string, certain: boolean): 'error' | 'warning' {
  return certain && severityOf(rule) === 'error' ? 'error' : 'warning';
}
