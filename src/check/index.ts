/**
 * The check of a dataset, pure. Core: it imports nothing from Node, so **the
 * browser calls it** for its live check; the application layer
 * (src/app/check.ts, src/app/review.ts) builds on it for the CLI, the batch
 * and the server. This is where rules and report meet, two ways:
 *
 * - from facts (`checkDatasetFromFacts`, what `juesuan check` runs): the rule
 *   pack over the dataset's facts and the report's outline derived from the
 *   dataset (outline.ts) — no report tree is built;
 * - with the report (`checkDatasetWithReport`): the report tree built, and the
 *   narrative rules read from it — for the read-back of a report about to be
 *   final (src/app/review.ts), which needs the tree anyway.
 *
 * Both give the same findings (test/check/fromFacts.test.ts). The accounts are
 * computed once and handed on (to buildReport as well).
 */
import { computeAccounts, type Accounts, type Dataset } from '../model/index.js';
import type { Profile } from '../profiles/index.js';
import { buildReport } from '../report/build.js';
import type { ReportTree } from '../report/tree.js';
import { datasetCheckInput, RULE_PACK, runRules, type CheckInput, type CheckReport, type RulePack } from '../rules/index.js';
import { reportOutline } from './outline.js';

export { reportGaps, reportOutline } from './outline.js';

/** The rule pack's input for a dataset without building its report: facts, lists and the report's outline. */
export function checkInputFromFacts(d: Dataset, profile: Profile, accounts: Accounts = computeAccounts(d)): CheckInput {
  const input = datasetCheckInput(d, profile, accounts);
  return { ...input, outline: reportOutline(d, accounts, profile, input.requiredSections) };
}

/** The rule pack's input for a dataset: its facts and lists, and the report tree built from it with `profile`. */
export function checkInputWithReport(d: Dataset, profile: Profile, accounts: Accounts = computeAccounts(d)): CheckInput & { tree: ReportTree } {
  return { ...datasetCheckInput(d, profile, accounts), tree: buildReport(d, profile, { accounts }) };
}

export interface FactsCheck {
  /** The view the facts were flattened from: build the report with it (buildReport's `accounts`). */
  accounts: Accounts;
  /** What the pack was given (run it again with more, e.g. the tree and a read-back). */
  input: CheckInput;
  report: CheckReport;
}

/** A dataset through the rule pack from its facts: no report tree built, no read-back. */
export function checkDatasetFromFacts(d: Dataset, profile: Profile, pack: RulePack = RULE_PACK): FactsCheck {
  const accounts = computeAccounts(d);
  const input = checkInputFromFacts(d, profile, accounts);
  return { accounts, input, report: runRules(pack, input) };
}

export interface DatasetCheck {
  /** The report the rules read: what `render` renders. */
  tree: ReportTree;
  /** What the pack was given (run it again with more, e.g. a read-back, without rebuilding). */
  input: CheckInput & { tree: ReportTree };
  report: CheckReport;
}

/**
 * A dataset through the rule pack with its report tree (no read-back of the
 * rendered text, which needs the renderers; src/app/review.ts adds it). Same
 * findings as checkDatasetFromFacts; use that one unless you need the tree.
 */
export function checkDatasetWithReport(d: Dataset, profile: Profile, pack: RulePack = RULE_PACK): DatasetCheck {
  const input = checkInputWithReport(d, profile);
  return { tree: input.tree, input, report: runRules(pack, input) };
}
