/** A dataset through the rule pack: facts, reasons, named lists and the generated report. */
import { computeAccounts, flatten, type Dataset } from '../model/index.js';
import type { OutlineNode, Profile } from '../profiles/index.js';
import { fillTitle, orderedParts } from '../profiles/index.js';
import { buildReport } from '../report/build.js';
import { runRules } from './engine.js';
import { RULE_PACK } from './pack/index.js';
import type { ReportTree } from '../report/tree.js';
import type { CheckInput, CheckReport, CountedList, RulePack } from './types.js';

/** Every heading title the profile's outline requires, in order. */
export function requiredSections(profile: Profile, d: Dataset): string[] {
  const walk = (n: OutlineNode): string[] => ('section' in n ? [n.title] : [n.group, ...n.children.flatMap(walk)]);
  return orderedParts(profile, { evaluations: d.evaluations.length > 0 }).flatMap((p) => [p.title, ...(p.children ?? []).flatMap(walk)]).map((t) => fillTitle(t, d.year, d.unit.level));
}

function countedLists(d: Dataset): CountedList[] {
  const steps = [
    ['preAssessment', '开展预算事前绩效评估'],
    ['targets', '编制绩效目标'],
    ['monitoring', '开展绩效监控'],
    ['selfEvaluation', '开展绩效自评'],
  ] as const;
  return steps.flatMap(([key, label]) => {
    const s = d.performance[key];
    return s?.projects ? [{ key, label, count: s.count, names: s.projects, path: `performance.${key}` }] : [];
  });
}

export function datasetCheckInput(d: Dataset, profile: Profile): CheckInput & { tree: ReportTree } {
  const accounts = computeAccounts(d);
  return {
    facts: flatten(d, accounts),
    year: d.year,
    unit: { kind: d.unit.kind, level: d.unit.level },
    reasons: d.reasons,
    completionBasis: profile.completionBasis,
    lists: countedLists(d),
    codes: [
      ...d.expenditure.map((l, i) => ({ dim: 'functional' as const, code: l.code, year: d.year, path: `expenditure[${i}].code` })),
      ...d.basicExpense.items.map((it, i) => ({ dim: 'economic' as const, code: it.code, year: d.year, path: `basicExpense.items[${i}].code` })),
    ],
    evaluations: d.evaluations,
    evaluationVariant: profile.evaluationForm,
    tree: buildReport(d, profile, { accounts }),
    requiredSections: requiredSections(profile, d),
    precision: 'exact',
  };
}

export function checkDataset(d: Dataset, profile: Profile, pack: RulePack = RULE_PACK): CheckReport {
  return runRules(pack, datasetCheckInput(d, profile));
}
