/**
 * Cross-year review (issue 13: "上年数 carried from last year's 决算, and
 * cross-year findings when they differ"): a dataset's 上年数 (`prior`) against
 * the same unit's saved dataset of the year before. A difference is a warning
 * (rule XY1-prior), located at the 上年数 entry: it is either a correction of
 * last year's figures the unit must explain, or a typing error.
 */
import type { StoredFinding } from '../api/contract.js';
import { concept, flatten, type Dataset, type Fact } from '../model/index.js';
import { abs, exactDecimal, formatWan } from '../money/index.js';

export const CROSS_YEAR_RULE = 'XY1-prior';

const keyOf = (f: Fact) => `${f.concept}|${Object.entries(f.dims).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(',')}`;

/** A figure as the comparison needs it (its concept, 功能分类, value and precision, where it is stated). */
export interface CrossYearFact {
  key: string;
  concept: string;
  functional?: string;
  value: bigint;
  precision: bigint;
  path: string;
}

/**
 * What the comparison reads of one dataset, in either role: its own 决算数 of its year (the first of each key,
 * stated or derived) for the year after to be checked against, and its 上年数 stated at `prior.*`.
 * Small, and computable once (the public portal keeps it with each published edition).
 */
export interface CrossYearSide {
  year: number;
  actual: CrossYearFact[];
  prior: CrossYearFact[];
}

const sideFact = (f: Fact): CrossYearFact => ({
  key: keyOf(f), concept: f.concept, ...(f.dims.functional ? { functional: f.dims.functional } : {}), value: f.value, precision: f.precision,
  path: f.source.kind === 'dataset' ? f.source.path : '',
});

export function crossYearSide(d: Dataset): CrossYearSide {
  const actual = new Map<string, CrossYearFact>();
  const prior: CrossYearFact[] = [];
  for (const f of flatten(d)) {
    if (f.year === d.year && f.scenario === 'actual' && !actual.has(keyOf(f))) actual.set(keyOf(f), sideFact(f));
    if (f.year === d.year - 1 && f.source.kind === 'dataset' && f.source.path.startsWith('prior.')) prior.push(sideFact(f));
  }
  return { year: d.year, actual: [...actual.values()], prior };
}

function shown(f: CrossYearFact): string {
  const kind = concept(f.concept)?.kind;
  return kind === 'money' ? `${formatWan(f.value)}万元` : String(f.value);
}

/**
 * Every 上年数 of `current` that last year's dataset states (or derives)
 * differently, beyond half the coarser of the two figures' stated digits.
 */
export function crossYearFindings(current: Dataset, last: Dataset, lastVersion: number): StoredFinding[] {
  if (last.year !== current.year - 1) return [];
  return crossYearOfSides(crossYearSide(current), crossYearSide(last), lastVersion);
}

/** crossYearFindings of the two datasets' sides. */
export function crossYearOfSides(current: CrossYearSide, last: CrossYearSide, lastVersion: number): StoredFinding[] {
  if (last.year !== current.year - 1) return [];
  const lastFacts = new Map(last.actual.map((f) => [f.key, f]));
  const out: StoredFinding[] = [];
  for (const f of current.prior) {
    const was = lastFacts.get(f.key);
    if (!was) continue;
    const difference = abs(f.value - was.value);
    const precision = f.precision > was.precision ? f.precision : was.precision;
    if (difference * 2n <= precision) continue;
    const money = concept(f.concept)?.kind === 'money';
    const label = concept(f.concept)?.label ?? f.concept;
    const functional = f.functional ? `（${f.functional}）` : '';
    out.push({
      rule: CROSS_YEAR_RULE,
      severity: 'warning',
      message: `上年数“${label}${functional}”为${shown(f)}，与本单位${last.year}年度决算数据（第${lastVersion}版）的${shown(was)}不一致`,
      location: f.path,
      hint: `请核对：如上年决算数据有更正，请在提交时说明；否则请改为${shown(was)}`,
      ...(money
        ? { expected: exactDecimal(was.value, '万元'), stated: exactDecimal(f.value, '万元'), difference: exactDecimal(f.value - was.value, '万元'), unit: '万元' }
        : { expected: String(was.value), stated: String(f.value), difference: String(f.value - was.value) }),
    });
  }
  return out;
}
