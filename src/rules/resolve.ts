/**
 * Finds the figure a Term refers to: a fact stated at exactly that level, or
 * else the sum of its detail facts (a dataset states 项 lines; a published
 * report may state only the total). Never double-counts two levels of a tree.
 */
import type { Fact } from '../model/facts.js';
import type { CheckInput, Term } from './types.js';

export interface Resolved {
  value: bigint;
  facts: Fact[];
  /** Sum of the facts' precisions (size of the last stated digit). */
  precision: bigint;
}

/** The places the facts were stated, each once. Plain loops: rules call this for every result. */
function pathSet(facts: readonly Fact[]): Set<string> {
  const seen = new Set<string>();
  for (const f of facts) {
    if (f.source.kind === 'dataset') seen.add(f.source.path);
    else for (const p of f.source.paths) seen.add(p);
  }
  return seen;
}

export function pathsOf(facts: readonly Fact[]): string[] {
  return [...pathSet(facts)];
}

/** The first place to point at for a figure. */
export function locationOf(facts: readonly Fact[]): string {
  const stated = facts.find((f) => f.source.kind === 'dataset');
  if (stated && stated.source.kind === 'dataset') return stated.source.path;
  return pathsOf(facts)[0] ?? '';
}

const sameDims = (a: Record<string, string>, b: Record<string, string>) => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};
const contains = (dims: Record<string, string>, where: Record<string, string>) => Object.entries(where).every(([k, v]) => dims[k] === v);

export function termYear(input: CheckInput, t: Term): number {
  return t.prior ? input.year - 1 : input.year;
}

/**
 * Facts by concept, year and scenario, for the fact list of the rule run in
 * progress: rules look figures up thousands of times a check. It lives only
 * while runRules runs (withFactIndex), so a caller that changes its facts
 * between runs never sees a stale index; outside a run, lookups scan.
 */
let active: { facts: readonly Fact[]; index: FactIndex } | undefined;

/** concept → year → scenario → facts, in fact order (nested maps: no key string built per lookup). */
type FactIndex = Map<string, Map<number, Map<string, Fact[]>>>;

export function withFactIndex<T>(facts: readonly Fact[], run: () => T): T {
  const index: FactIndex = new Map();
  for (const f of facts) {
    let byYear = index.get(f.concept);
    if (!byYear) index.set(f.concept, (byYear = new Map()));
    let byScenario = byYear.get(f.year);
    if (!byScenario) byYear.set(f.year, (byScenario = new Map()));
    const list = byScenario.get(f.scenario);
    if (list) list.push(f);
    else byScenario.set(f.scenario, [f]);
  }
  const outer = active;
  active = { facts, index };
  try {
    return run();
  } finally {
    active = outer;
  }
}

const NONE: Fact[] = [];

export function candidates(input: CheckInput, t: Term): Fact[] {
  const year = termYear(input, t);
  const scenario = t.scenario ?? 'actual';
  if (active?.facts === input.facts) return active.index.get(t.concept)?.get(year)?.get(scenario) ?? NONE;
  return input.facts.filter((f) => f.concept === t.concept && f.year === year && f.scenario === scenario);
}

export function resolve(input: CheckInput, t: Term): Resolved | undefined {
  const where = t.where ?? {};
  const cands = candidates(input, t);
  const exact = cands.filter((f) => sameDims(f.dims, where));
  if (exact.length > 0) {
    const f = exact.find((x) => x.source.kind === 'dataset') ?? exact[0]!;
    return { value: f.value, facts: [f], precision: f.precision };
  }
  let detail = cands.filter((f) => contains(f.dims, where) && Object.keys(f.dims).length > Object.keys(where).length);
  if (detail.length === 0) return undefined;
  // Detail may come at several levels of a code tree: add up the top level only.
  for (const dim of ['functional', 'economic']) {
    const lengths = detail.map((f) => f.dims[dim]?.length).filter((l): l is number => l !== undefined);
    if (lengths.length > 0) {
      const top = Math.min(...lengths);
      detail = detail.filter((f) => f.dims[dim] === undefined || f.dims[dim]!.length === top);
    }
  }
  return {
    value: detail.reduce((s, f) => s + f.value, 0n),
    facts: detail,
    precision: detail.reduce((s, f) => s + f.precision, 0n),
  };
}

export interface Side {
  value: bigint;
  facts: Fact[];
  precision: bigint;
  missing: Term[];
}

/** Σ of signed terms; the terms that resolve to nothing are listed as missing. */
export function resolveSide(input: CheckInput, terms: readonly Term[]): Side {
  const side: Side = { value: 0n, facts: [], precision: 0n, missing: [] };
  for (const t of terms) {
    const r = resolve(input, t);
    if (!r) {
      side.missing.push(t);
      continue;
    }
    side.value += t.sign === -1 ? -r.value : r.value;
    side.facts.push(...r.facts);
    side.precision += r.precision;
  }
  return side;
}

/** Tolerance in the figures' unit: none for exact data, half a stated unit per figure otherwise. */
export function toleranceOf(input: CheckInput, ...sides: Side[]): bigint {
  if (input.precision === 'exact') return 0n;
  return sides.reduce((s, x) => s + x.precision, 0n) / 2n;
}

/** A comparison whose two sides add up the same stated figures checks nothing. */
export function isTautology(a: Side, b: Side): boolean {
  const pa = pathSet(a.facts);
  const pb = pathSet(b.facts);
  if (pa.size === 0 || pa.size !== pb.size) return false;
  for (const p of pa) if (!pb.has(p)) return false;
  return true;
}
