/**
 * A dataset reviewed (审核), two ways:
 *
 * - `checkVerdict` — what `juesuan check` and the batch's check run by default:
 *   the rule pack from the dataset's facts (src/check, checkDatasetFromFacts),
 *   no report tree built; about a twentieth of the time of the review below.
 * - `reviewDataset` — the review of a report about to become final (render,
 *   the server's review and publication, `check --read-back`): the pack, the
 *   report tree built with the same accounts, and — when the pack finds no
 *   error — that report read back as a published one (the audit of its text
 *   rendering, ST3-readback), so that what is published final is what `audit`
 *   accepts.
 *
 * The verdict: final (no error-level finding, no 【待补充】 left) or draft. The
 * read-back adds findings only on the unit's own texts (a wrong year, a broken
 * heading number, a template leftover), so a dataset `check` passes may still
 * be refused by `render`; `check --read-back` gives render's verdict exactly.
 * The read-back needs the text renderer, so it runs on the server side only.
 */
import { auditText } from '../audit/index.js';
import type { Dataset } from '../model/index.js';
import type { Profile } from '../profiles/index.js';
import { normalizeText } from '../parse/document/normalize/index.js';
import { renderText } from '../render/text/index.js';
import type { ReportTree } from '../report/tree.js';
import { hasErrors, RULE_PACK, runRules, type CheckReport, type Finding, type ReadBackFinding } from '../rules/index.js';
import { checkDatasetFromFacts } from '../check/index.js';
import { buildReport } from '../report/build.js';

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
  const { accounts, input, report: packed } = checkDatasetFromFacts(d, profile);
  // The report is built with the check's accounts, not a second computation of them.
  const tree = buildReport(d, profile, { accounts });
  // Read back only a report the pack accepts: a failing one is a draft anyway, and its read-back would repeat the pack's
  // findings. The rules run again with the tree and the read-back (ST3 applies).
  const report = hasErrors(packed) ? packed : runRules(RULE_PACK, { ...input, tree, readBack });
  return { tree, report, final: !hasErrors(report) };
}

export interface Verdict {
  report: CheckReport;
  /** No error-level finding (with `readBack`: exactly when render writes the final report). */
  final: boolean;
}

/**
 * The check's verdict: the pack from facts; with `readBack`, reviewDataset's
 * verdict (the report is built only when the pack passes: a failing dataset
 * is a draft whatever its read-back says).
 */
export function checkVerdict(d: Dataset, profile: Profile, o: { readBack?: boolean } = {}): Verdict {
  // With the read-back it is the review itself (whose tree a check does not need).
  if (o.readBack) {
    const { report, final } = reviewDataset(d, profile);
    return { report, final };
  }
  const { report } = checkDatasetFromFacts(d, profile);
  return { report, final: !hasErrors(report) };
}

/** What keeps a report from being final: the error-level findings, one line each. */
export function missingForFinal(report: CheckReport): Finding[] {
  return report.findings.filter((f) => f.severity === 'error');
}
