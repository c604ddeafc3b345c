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

const sectionsCache = new WeakMap<Profile, Map<string, readonly string[]>>();

/**
 * Every heading title the profile's outline requires, in order. They depend
 * only on the profile, the year, the unit's level and whether it has
 * evaluations, so they are made once for each (every check asks).
 */
export function requiredSections(profile: Profile, d: Dataset): string[] {
  const evaluations = d.evaluations.length > 0;
  const key = `${d.year}|${d.unit.level}|${evaluations}`;
  let byKey = sectionsCache.get(profile);
  if (!byKey) sectionsCache.set(profile, (byKey = new Map()));
  let titles = byKey.get(key);
  if (!titles) {
    const walk = (n: OutlineNode): string[] => ('section' in n ? [n.title] : [n.group, ...n.children.flatMap(walk)]);
    titles = orderedParts(profile, { evaluations }).flatMap((p) => [p.title, ...(p.children ?? []).flatMap(walk)]).map((t) => fillTitle(t, d.year, d.unit.level));
    byKey.set(key, titles);
  }
  // A copy: callers own their list.
  return [...titles];
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
