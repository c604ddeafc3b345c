/**
 * The check service: a dataset through the rule pack (from its facts, no
 * report tree built: src/check) → the findings, and the report's JSON form
 * that `juesuan check --json`, the batch and the server give out.
 */
import type { Dataset } from '../model/index.js';
import type { Profile } from '../profiles/index.js';
import { checkDatasetFromFacts } from '../check/index.js';
import { RULE_PACK, type CheckReport, type RulePack } from '../rules/index.js';

export { checkDatasetFromFacts, checkDatasetWithReport, checkInputFromFacts, checkInputWithReport, type DatasetCheck, type FactsCheck } from '../check/index.js';

/** The pack's findings for a dataset, from its facts (no read-back: reviewDataset in review.ts gives the verdict with it). */
export function checkDataset(d: Dataset, profile: Profile, pack: RulePack = RULE_PACK): CheckReport {
  return checkDatasetFromFacts(d, profile, pack).report;
}

/** The check report as one JSON object (`juesuan check --json`: one line per file). */
export function checkReportJson(file: string, r: CheckReport): string {
  return JSON.stringify({
    dataset: file,
    rulesVersion: r.rulesVersion,
    summary: r.summary,
    findings: r.findings.map((f) => ({
      rule: f.rule, severity: f.severity, message: f.message,
      expected: f.expected ?? null, stated: f.stated ?? null, difference: f.difference ?? null, tolerance: f.tolerance ?? null,
      location: f.location, ...(f.unit ? { unit: f.unit } : {}), ...(f.related?.length ? { related: f.related } : {}), hint: f.hint,
    })),
  });
}
