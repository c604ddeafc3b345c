/**
 * A dataset reviewed for publication (审核): the rule pack over its facts and
 * the report built from them, then — when the pack finds no error — that
 * report read back as a published one (the audit of its text rendering), so
 * that what `check` accepts is what `audit` accepts. The verdict is the one
 * `render`, `check` and the batch share: final (no error-level finding, no
 * 【待补充】 left) or draft. The pack and the tree are src/check's
 * (checkDatasetWithReport, the browser's live check); the read-back added
 * here needs the text renderer, so it runs on the server side only.
 */
import { auditText } from '../audit/index.js';
import type { Dataset } from '../model/index.js';
import type { Profile } from '../profiles/index.js';
import { normalizeText } from '../parse/document/normalize/index.js';
import { renderText } from '../render/text/index.js';
import type { ReportTree } from '../report/tree.js';
import { hasErrors, RULE_PACK, runRules, type CheckReport, type Finding, type ReadBackFinding } from '../rules/index.js';
import { checkDatasetWithReport } from './check.js';

export interface Review {
  /** The report the checks read: render exactly this tree. */
  tree: ReportTree;
  report: CheckReport;
  /** No error-level finding: the report may be published as final. */
  final: boolean;
}

const QUOTE_CHARS = 40;

/** The certain contradictions an auditor would find in the report's text. */
export function readBack(tree: ReportTree): ReadBackFinding[] {
  // Normalised exactly as `juesuan audit` normalises a .txt report.
  const { text } = normalizeText(renderText(tree));
  return auditText(text).findings.flatMap((f) => {
    if (f.severity !== 'error') return [];
    const span = f.spans[0];
    const quote = span ? text.slice(span.start, Math.min(span.end, span.start + QUOTE_CHARS)).replace(/\s+/gu, ' ').trim() : '';
    return [{ rule: f.rule, message: f.message, ...(quote ? { quote } : {}) }];
  });
}

export function reviewDataset(d: Dataset, profile: Profile): Review {
  const checked = checkDatasetWithReport(d, profile);
  const { input } = checked;
  let report = checked.report;
  // Read back only a report the pack accepts: a failing one is a draft anyway, and its read-back would repeat the pack's findings.
  if (!hasErrors(report)) report = runRules(RULE_PACK, { ...input, readBack });
  return { tree: input.tree, report, final: !hasErrors(report) };
}

/** What keeps a report from being final: the error-level findings, one line each. */
export function missingForFinal(report: CheckReport): Finding[] {
  return report.findings.filter((f) => f.severity === 'error');
}
