// "X，其中：A、B…": the parts listed after 其中 cannot add up to more than their whole.
import type { TextFinding } from '../types.js';
import { add, claimInterval, formatWanMid, gap, type Interval } from '../quantity.js';
import { finding, sameDims, subjectName } from './helpers.js';
import { result, type TextRule } from './types.js';

const MONEY = new Set(['元', '万元']);

export const parts: TextRule = {
  id: 'TX-parts',
  title: '“其中”所列各项之和不超过总数',
  run({ x, excluded }) {
    const findings: TextFinding[] = [];
    let checked = false;
    for (const b of x.breakdowns) {
      const whole = x.claims[b.parent];
      // 收、支总计 is the total of both sides: its 其中 lists income and expense together.
      if (!whole || excluded.has(b.parent) || whole.concept === 'total.income_expense' || whole.concept === 'fiscal.total') continue;
      const money = MONEY.has(whole.unit);
      const ps = b.parts.filter((p) => !excluded.has(p)).map((p) => x.claims[p]!)
        .filter((p) => p.measure === 'level' && MONEY.has(p.unit) === money && !(p.concept === whole.concept && sameDims(p.dims, whole.dims)) && p.year === whole.year && p.scenario === whole.scenario);
      // Counts only add up within one concept family (车辆: 其中 轿车、越野车…).
      // People: 实有人数's 在职, 离休 and 退休 parts, or else its kinds (行政、事业…).
      const lifeStages = whole.concept === 'staffing.actual' && !whole.dims ? ps.filter((p) => p.dims?.lifeStage) : [];
      const comparable = money ? ps : Object.keys(whole.dims ?? {}).length > 0 ? [] : lifeStages.length > 0 ? lifeStages : ps.filter((p) => p.concept === whole.concept && Object.keys(p.dims ?? {}).length > 0);
      if (comparable.length === 0) continue;
      const W = claimInterval(whole);
      let S: Interval = { lo: 0n, hi: 0n };
      for (const p of comparable) {
        const I = claimInterval(p);
        if (!I) continue;
        S = add(S, I);
      }
      if (!W) continue;
      checked = true;
      if (S.lo > W.hi) {
        // Figures bare, in the finding's unit (readers append it): money in 万元, counts in the whole's unit.
        const sum = money ? formatWanMid(S) : `${(S.lo + S.hi) / 2n / 1_000_000n}`;
        const unit = money ? '万元' : whole.unit;
        const limit = money ? formatWanMid(W) : whole.value;
        findings.push(finding('TX-parts', 'error', `${lifeStages.length > 0 ? '实有人数' : subjectName(whole)}为${whole.value}${whole.unit}，其中所列各项合计${sum}${unit}，超过总数`,
          [whole.span, ...comparable.map((p) => p.span)], { expected: `≤ ${limit}`, stated: sum, unit }));
      }
      void gap;
    }
    return result(findings, checked);
  },
};
