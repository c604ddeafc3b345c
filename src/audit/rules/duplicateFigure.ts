// The same figure (concept, year, scenario, dimensions) stated with different values in two places.
import type { TextFinding } from '../types.js';
import { parseAmount, type MoneyUnit } from '../../money/index.js';
import { claimInterval, overlaps } from '../quantity.js';
import type { Claim } from '../types.js';
import { decimalsOf, finding, subjectName } from './helpers.js';
import { result, type TextRule } from './types.js';

const MONEY = new Set(['元', '万元']);
const keyOf = (c: Claim) => `${c.concept}|${c.year}|${c.scenario}|${JSON.stringify(Object.entries(c.dims ?? {}).sort())}`;

/** Value in a common scale (分 for money) and the size of its last digit there. */
function scaled(c: Claim): { v: bigint; step: bigint } | undefined {
  if (MONEY.has(c.unit)) {
    try {
      const a = parseAmount(c.value, c.unit as MoneyUnit);
      return { v: a.fen, step: a.precision };
    } catch {
      return undefined;
    }
  }
  if (!/^-?\d+(\.\d+)?$/.test(c.value)) return undefined;
  const d = decimalsOf(c.value);
  return { v: BigInt(c.value.replace('.', '')) * 10n ** BigInt(6 - Math.min(6, d)), step: 10n ** BigInt(6 - Math.min(6, d)) };
}

const FUND = /一般公共预算|政府性基金|国有资本经营|社会保险基金/g;
/** The last budget named in the figure's sentence before it. */
function fundOf(text: string, c: Claim): string | undefined {
  let last: string | undefined;
  for (const m of text.slice(c.sentence.start, c.span.start).matchAll(FUND)) last = m[0];
  return last;
}

export const duplicateFigure: TextRule = {
  id: 'TX-duplicate',
  title: '同一数字在不同位置的表述一致',
  run({ x, excluded }) {
    const groups = new Map<string, number[]>();
    x.claims.forEach((c, i) => {
      if (c.measure !== 'level' || excluded.has(i) || c.unit === '%') return;
      const k = keyOf(c);
      const g = groups.get(k);
      if (g) g.push(i);
      else groups.set(k, [i]);
    });
    const findings: TextFinding[] = [];
    let checked = false;
    for (const idx of groups.values()) {
      if (idx.length < 2) continue;
      checked = true;
      const first = x.claims[idx[0]!]!;
      const a = scaled(first);
      for (const j of idx.slice(1)) {
        const c = x.claims[j]!;
        const b = scaled(c);
        if (!a || !b || a.v === b.v) continue;
        // Money against money, a count against the same count.
        if (MONEY.has(first.unit) !== MONEY.has(c.unit) || (!MONEY.has(c.unit) && first.unit !== c.unit)) continue;
        // Figures under different budgets (一般公共预算 / 政府性基金 …) named earlier in their sentences are different figures.
        if (fundOf(x.masked, first) !== fundOf(x.masked, c)) continue;
        const ia = claimInterval(first);
        const ib = claimInterval(c);
        const samePrecision = a.step === b.step;
        // Equal precision: the same exact figure rounds to the same digits; different precision: within the coarser one.
        if (!samePrecision && ia && ib && overlaps(ia, ib)) continue;
        const diff = a.v > b.v ? a.v - b.v : b.v - a.v;
        const oneDigit = samePrecision && diff === a.step;
        findings.push(finding('TX-duplicate', oneDigit ? 'warning' : 'error',
          `${subjectName(c)}${c.scenario === 'actual' ? '' : '（预算数）'}在报告中有两个不同的数：${first.value}${first.unit}与${c.value}${c.unit}${oneDigit ? '，相差末位一个单位，疑为四舍五入不一致' : ''}`,
          [first.span, c.span], { stated: c.value, expected: first.value, unit: c.unit, tolerance: '0' }));
        break;
      }
    }
    return result(findings, checked);
  },
};
