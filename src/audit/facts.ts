/**
 * Claims → Facts for the rule pack. A level claim becomes one fact (money in
 * 分 with its stated precision); "收、支总计" states both totals; a change
 * with its level implies last year's level. Sources are "claim:<index>" so
 * the engine's findings point back at spans.
 */
import { concept } from '../model/concepts.js';
import type { Fact, Scenario } from '../model/facts.js';
import { parseAmount, type MoneyUnit } from '../money/index.js';
import { levelIndex } from './rules/helpers.js';
import type { Claim } from './types.js';

const MONEY = new Set(['元', '万元']);

export const claimPath = (i: number) => `claim:${i}`;

function amountOf(c: Claim): { value: bigint; precision: bigint } | undefined {
  const k = concept(c.concept)?.kind;
  if (!k) return undefined;
  if (k === 'money') {
    if (!MONEY.has(c.unit)) return undefined;
    try {
      const a = parseAmount(c.value, c.unit as MoneyUnit);
      return { value: a.fen, precision: a.precision };
    } catch {
      return undefined;
    }
  }
  if (!/^\d+$/.test(c.value) || MONEY.has(c.unit) || c.unit === '%') return undefined;
  return { value: BigInt(c.value), precision: 1n };
}

const key = (f: Pick<Fact, 'concept' | 'year' | 'scenario' | 'dims'>) =>
  `${f.concept}|${f.year}|${f.scenario}|${JSON.stringify(Object.entries(f.dims).sort())}`;

/** Facts of the level claims (first statement wins where a figure is stated twice), plus implied prior-year levels. */
export function claimFacts(claims: readonly Claim[], year: number | undefined, skip: ReadonlySet<number> = new Set()): Fact[] {
  const facts: Fact[] = [];
  const seen = new Set<string>();
  const push = (f: Fact) => {
    const k = key(f);
    if (seen.has(k)) return;
    seen.add(k);
    facts.push(f);
  };
  claims.forEach((c, i) => {
    if (c.measure !== 'level' || c.year === undefined || skip.has(i)) return;
    const a = amountOf(c);
    if (!a) return;
    const base = { year: c.year, scenario: c.scenario as Scenario, dims: c.dims ?? {}, value: a.value, precision: a.precision, source: { kind: 'dataset' as const, path: claimPath(i) } };
    if (c.concept === 'total.income_expense') {
      push({ ...base, concept: 'total.income' });
      push({ ...base, concept: 'total.expense' });
    } else push({ ...base, concept: c.concept });
  });
  if (year === undefined) return facts;
  // Last year's level from this year's level and its stated change (增加/减少/持平).
  claims.forEach((c, i) => {
    if (c.measure !== 'change' || c.against || c.year !== year || (c.baseYear !== undefined && c.baseYear !== year - 1) || skip.has(i)) return;
    const li = levelIndex(claims, c, skip);
    if (li < 0) return;
    const level = amountOf(claims[li]!);
    const change = amountOf({ ...c, concept: claims[li]!.concept });
    if (!level || !change) return;
    const signed = c.direction === 'down' ? -change.value : change.value;
    const concepts = claims[li]!.concept === 'total.income_expense' ? ['total.income', 'total.expense'] : [claims[li]!.concept];
    for (const cc of concepts) {
      push({
        concept: cc, year: year - 1, scenario: 'actual', dims: claims[li]!.dims ?? {},
        value: level.value - signed, precision: level.precision + change.precision,
        source: { kind: 'derived', from: '本年数 − 变动额', paths: [claimPath(li), claimPath(i)] },
      });
    }
  });
  return facts;
}
