/**
 * The full check of a dataset, pure: the report tree built from it, then the
 * rule pack over its facts and that tree. Core: it imports nothing from Node,
 * so **the browser calls `checkDatasetWithReport`** for its live check; the
 * application layer (src/app/check.ts, src/app/review.ts) builds on it for the
 * CLI, the batch and the server. This is where rules and report meet: the
 * rules take the tree as input and never build it, and the report knows
 * nothing of the rules.
 */
import { computeAccounts, type Dataset } from '../model/index.js';
import type { Profile } from '../profiles/index.js';
import { buildReport } from '../report/build.js';
import type { ReportTree } from '../report/tree.js';
import { datasetCheckInput, RULE_PACK, runRules, type CheckInput, type CheckReport, type RulePack } from '../rules/index.js';

/** The rule pack's input for a dataset: its facts and lists, and the report tree built from it with `profile`. */
export function checkInputWithReport(d: Dataset, profile: Profile): CheckInput & { tree: ReportTree } {
  const accounts = computeAccounts(d);
  return datasetCheckInput(d, profile, buildReport(d, profile, { accounts }), accounts);
}

export interface DatasetCheck {
  /** The report the rules read: what `render` renders. */
  tree: ReportTree;
  /** What the pack was given (run it again with more, e.g. a read-back, without rebuilding). */
  input: CheckInput & { tree: ReportTree };
  report: CheckReport;
}

/**
 * A dataset through the rule pack with its report tree: the live check (no
 * read-back of the rendered text, which needs the renderers; the final
 * verdict of src/app/review.ts adds it).
 */
export function checkDatasetWithReport(d: Dataset, profile: Profile, pack: RulePack = RULE_PACK): DatasetCheck {
  const input = checkInputWithReport(d, profile);
  return { tree: input.tree, input, report: runRules(pack, input) };
}
