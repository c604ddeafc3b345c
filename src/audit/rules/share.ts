/**
 * 占X%: a share recomputed from the part and its whole as stated.
 *
 * Largest-remainder rounding: the shares of one whole are published so that
 * they add up to exactly 100.00% (src/money/percent.ts sharesOf; domain.md),
 * which moves some of them one unit of their last digit away from plain
 * 四舍五入 (42.10 of 773.29 is 5.4443…%, yet 5.45% when the other parts need
 * the unit). So a share whose recomputed value misses the stated one by at
 * most one last-digit unit beyond the rounding tolerance is accepted when the
 * shares stated for the same whole (the same whole figure, found the same
 * way) add up to exactly 100%. A share further off, or one whose group does
 * not add to 100%, is still a finding.
 */
import type { Claim, TextFinding } from '../types.js';
import { claimInterval, formatPctMid, gap, percentInterval, PCT_SCALE, type Interval } from '../quantity.js';
import { finding, levelOf, sameSubject, subjectName } from './helpers.js';
import { label } from '../../rules/format.js';
import { result, type TextRule } from './types.js';

interface Check {
  share: Claim;
  part: Claim;
  whole: Claim;
  /** Index of the whole's claim: shares of the same whole form one group. */
  wholeIndex: number;
  computed: Interval;
  stated: Interval;
  gap: bigint;
}

const HUNDRED = 100n * PCT_SCALE;
const mid = (i: Interval) => (i.lo + i.hi) / 2n;

export const share: TextRule = {
  id: 'TX-share',
  title: '占比与所述金额相符',
  run({ x, excluded }) {
    const checks: Check[] = [];
    x.claims.forEach((c, i) => {
      if (c.measure !== 'share' || !c.base || excluded.has(i)) return;
      const pi = levelOf(x, c, excluded);
      if (pi < 0) return;
      const part = x.claims[pi]!;
      // The whole: a level of the base concept this year, nearest before the share.
      const wholes = sameSubject(x.claims, { concept: c.base.concept, ...(c.base.dims ? { dims: c.base.dims } : {}) })
        .map((j) => ({ w: x.claims[j]!, j }))
        .filter(({ w, j }) => !excluded.has(j) && w.measure === 'level' && w.scenario === 'actual' && w.year === c.year && w.unit === part.unit);
      const whole = [...wholes].reverse().find(({ w }) => w.span.start < c.span.start) ?? wholes[0];
      if (!whole) return;
      const pv = claimInterval(part);
      const wv = claimInterval(whole.w);
      const sv = claimInterval(c);
      if (!pv || !wv || !sv) return;
      const computed = percentInterval(pv, wv);
      if (!computed) return;
      checks.push({ share: c, part, whole: whole.w, wholeIndex: whole.j, computed, stated: sv, gap: gap(computed, sv) });
    });

    // The stated shares of each whole, summed exactly (stated values are exact decimals).
    const sums = new Map<number, bigint>();
    for (const k of checks) sums.set(k.wholeIndex, (sums.get(k.wholeIndex) ?? 0n) + mid(k.stated));

    const findings: TextFinding[] = [];
    for (const k of checks) {
      if (k.gap === 0n) continue;
      const unitStep = k.stated.hi - k.stated.lo;
      if (k.gap <= unitStep && sums.get(k.wholeIndex) === HUNDRED) continue;
      const { share: c, part, whole } = k;
      findings.push(finding('TX-share', k.gap <= unitStep ? 'warning' : 'error',
        `${subjectName(part)}${part.value}${part.unit}占${label(whole.concept)}${whole.value}${whole.unit}的比例应为${formatPctMid(k.computed)}%，报告写作${c.value}%`,
        [c.span, part.span, whole.span], { expected: formatPctMid(k.computed), stated: c.value, unit: '%', tolerance: formatPctMid({ lo: 0n, hi: unitStep + (k.computed.hi - k.computed.lo) / 2n }) }));
    }
    return result(findings, checks.length > 0);
  },
};
