// rollup: each stated node of a code tree equals the sum of its children (类 = Σ款 = Σ项).
import type { Fact } from '../../model/facts.js';
import { abs } from '../../money/index.js';
import { isTautology, pathsOf, type Side } from '../resolve.js';
import type { CheckInput, RollupRule } from '../types.js';
import { combine, comparisonFailure, notApplicable, type Evaluation } from './evaluation.js';

/** A fact's dimensions other than `dim`, as one key (facts that differ only in `dim` are one tree). */
const otherDims = (f: Fact, dim: string) => JSON.stringify(Object.entries(f.dims).filter(([k]) => k !== dim).sort());
const side = (facts: Fact[]): Side => ({ value: facts.reduce((s, f) => s + f.value, 0n), facts, precision: facts.reduce((s, f) => s + f.precision, 0n), missing: [] });

/**
 * Children of a node among its tree (`tree`: the facts of its year with the same
 * other dimensions, in fact order): one level down a 3/5/7-digit code tree, or
 * the top level under the root.
 */
function childrenOf(node: Fact, tree: Fact[], dim: string): Fact[] {
  const code = node.dims[dim];
  const peers = tree.filter((f) => f !== node && f.dims[dim] !== undefined);
  const flat = dim === 'vehicleType' || dim === 'staffKind';
  if (code === undefined) {
    if (flat) return peers;
    const top = Math.min(...peers.map((f) => f.dims[dim]!.length));
    return peers.filter((f) => f.dims[dim]!.length === top);
  }
  if (flat) return [];
  const childLen = code.length === 3 ? 5 : code.length === 5 ? 7 : 0;
  return peers.filter((f) => f.dims[dim]!.length === childLen && f.dims[dim]!.startsWith(code));
}

export function evaluateRollup(rule: RollupRule, input: CheckInput): Evaluation {
  const scenario = rule.scenario ?? 'actual';
  const facts = input.facts.filter((f) => f.concept === rule.concept && f.scenario === scenario);
  // Each fact's tree (year and other dimensions) keyed once: comparing every pair's keys was quadratic.
  const treeOf = new Map<Fact, Fact[]>();
  const trees = new Map<string, Fact[]>();
  for (const f of facts) {
    const key = `${f.year}|${otherDims(f, rule.dim)}`;
    let tree = trees.get(key);
    if (!tree) trees.set(key, (tree = []));
    tree.push(f);
    treeOf.set(f, tree);
  }
  const parts: Evaluation[] = [];
  for (const node of facts) {
    const kids = childrenOf(node, treeOf.get(node)!, rule.dim);
    if (kids.length === 0) continue;
    const total = side([node]);
    const sum = side(kids);
    if (isTautology(total, sum)) continue;
    const tol = input.precision === 'exact' ? 0n : (total.precision + sum.precision) / 2n;
    const diff = total.value - sum.value;
    const paths = pathsOf([node, ...kids]);
    if (abs(diff) <= tol) {
      parts.push({ outcome: 'pass', findings: [], paths });
      continue;
    }
    parts.push(comparisonFailure(rule, {
      concept: rule.concept, stated: total.value, expected: sum.value, tolerance: tol,
      location: pathsOf([node])[0] ?? '', paths, vars: { code: node.dims[rule.dim] ?? '合计' },
    }));
  }
  return parts.length === 0 ? notApplicable : combine(parts);
}
