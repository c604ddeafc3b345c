/**
 * Our own report read back: the figures an auditor extracts from it compared
 * with the dataset's facts (design.md §1: `extract(render(d))` gives back the
 * facts of `d`). Each figure is compared at the precision it is printed with.
 */
import { flatten, type Dataset, type Fact } from '../model/index.js';
import { formatScaled, roundTo } from '../money/index.js';

export interface ReadBackComparison {
  /** Figures that name a fact of the dataset and were compared. */
  compared: number;
  /** "concept {dims} printed ≠ expected" for each figure that differs. */
  mismatches: string[];
}

/** A figure as `extract` reads it (a Claim, or the CLI's audited fact). */
export interface ReadFigure {
  concept: string;
  value: string;
  unit: string;
  year?: number;
  scenario: string;
  measure: string;
  /** A change or rate against a budget, not against last year's 决算. */
  against?: string;
  dims?: Record<string, string>;
}

const dimsKey = (dims: Record<string, string> | undefined) => JSON.stringify(Object.entries(dims ?? {}).sort());

/** What a fact prints as in `unit` with `decimals` decimals (money rounded 四舍五入 on the exact value). */
function printed(fact: Fact, unit: string, decimals: number): string | undefined {
  if (unit === '万元' || unit === '元') return formatScaled(roundTo(fact.value, unit, decimals), decimals);
  return decimals === 0 ? fact.value.toString() : undefined;
}

/**
 * Compares the level figures of the actual year that an extraction read with
 * the dataset's facts of the same concept, year and dimensions.
 */
export function compareWithDataset(d: Dataset, claims: readonly ReadFigure[]): ReadBackComparison {
  const facts = new Map<string, Fact>();
  for (const f of flatten(d)) if (f.scenario === 'actual') facts.set(`${f.concept}|${f.year}|${dimsKey(f.dims)}`, f);
  let compared = 0;
  const mismatches: string[] = [];
  for (const c of claims) {
    if (c.measure !== 'level' || c.scenario !== 'actual') continue;
    const concept = c.concept === 'total.income_expense' ? 'total.income' : c.concept;
    const fact = facts.get(`${concept}|${c.year ?? d.year}|${dimsKey(c.dims)}`);
    if (!fact) continue;
    const decimals = c.value.includes('.') ? c.value.split('.')[1]!.length : 0;
    const expected = printed(fact, c.unit, decimals);
    if (expected === undefined) continue;
    compared++;
    if (expected !== c.value) mismatches.push(`${c.concept} ${dimsKey(c.dims)} ${c.value}${c.unit} ≠ ${expected}${c.unit}`);
  }
  return { compared, mismatches };
}
