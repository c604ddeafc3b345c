/**
 * A dataset as the rule pack reads it: facts, reasons, named lists. What the
 * narrative rules read of the report is added by src/check/ — the outline
 * derived from the dataset (`check`) or the report tree built from it (the
 * read-back); the rules never build either.
 */
import { computeAccounts, flatten, type Accounts, type Dataset } from '../model/index.js';
import type { OutlineNode, Profile } from '../profiles/index.js';
import { fillTitle, orderedParts } from '../profiles/index.js';
import type { CheckInput, CountedList } from './types.js';

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

/**
 * The pack's input for a dataset, without the report (src/check adds its
 * outline or its tree). Pass the accounts to compute them once.
 */
export function datasetCheckInput(d: Dataset, profile: Profile, accounts: Accounts = computeAccounts(d)): CheckInput {
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
    requiredSections: requiredSections(profile, d),
    precision: 'exact',
  };
}
