// 占X%: a share recomputed from the part and its whole as stated.
import type { TextFinding } from '../types.js';
import { claimInterval, formatPctMid, gap, percentInterval, PCT_SCALE } from '../quantity.js';
import { finding, levelOf, sameSubject, subjectName } from './helpers.js';
import { label } from '../../rules/format.js';
import { result, type TextRule } from './types.js';

export const share: TextRule = {
  id: 'TX-share',
  title: '占比与所述金额相符',
  run({ x, excluded }) {
    const findings: TextFinding[] = [];
    let checked = false;
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
      checked = true;
      const g = gap(computed, sv);
      if (g === 0n) return;
      const unitStep = sv.hi - sv.lo;
      findings.push(finding('TX-share', g <= unitStep ? 'warning' : 'error',
        `${subjectName(part)}${part.value}${part.unit}占${label(whole.w.concept)}${whole.w.value}${whole.w.unit}的比例应为${formatPctMid(computed)}%，报告写作${c.value}%`,
        [c.span, part.span, whole.w.span], { expected: formatPctMid(computed), stated: c.value, unit: '%', tolerance: formatPctMid({ lo: 0n, hi: unitStep + (computed.hi - computed.lo) / 2n }) }));
      void PCT_SCALE;
    });
    return result(findings, checked);
  },
};
