// 完成预算X%: against the stated budget, or against the budgets its parts' own completion rates imply.
import type { TextFinding } from '../types.js';
import { add, claimInterval, formatPctMid, gap, percentInterval, wholeFromPercent, type Interval } from '../quantity.js';
import type { Claim } from '../types.js';
import { finding, levelOf, sameSubject, subjectName } from './helpers.js';
import { result, type TextRule } from './types.js';

export const completion: TextRule = {
  id: 'TX-completion',
  title: '完成预算百分比与决算数、预算数相符',
  run({ x, excluded }) {
    const findings: TextFinding[] = [];
    let checked = false;
    const byConcept = new Map<string, number[]>();
    x.claims.forEach((c, i) => {
      if (c.measure === 'completionRate' && c.dims?.functional) {
        const list = byConcept.get(c.concept);
        if (list) list.push(i);
        else byConcept.set(c.concept, [i]);
      }
    });
    const totals = new Set<string>();
    x.claims.forEach((r, i) => {
      if (r.measure !== 'completionRate' || excluded.has(i)) return;
      const ai = levelOf(x, r, excluded);
      if (ai < 0) return;
      const actual = x.claims[ai]!;
      const A = claimInterval(actual);
      const R = claimInterval(r);
      if (!A || !R) return;
      const budget = sameSubject(x.claims, r).filter((j) => !excluded.has(j)).map((j) => x.claims[j]!).find((b) => b.statement === r.statement && b.measure === 'level' && b.scenario !== 'actual');
      if (budget) {
        const B = claimInterval(budget);
        const computed = B && percentInterval(A, B);
        if (!computed) return;
        checked = true;
        const g = gap(computed, R);
        if (g > 0n) {
          findings.push(finding('TX-completion', g <= R.hi - R.lo ? 'warning' : 'error', `${subjectName(r)}决算${actual.value}${actual.unit}、预算${budget.value}${budget.unit}，完成预算应为${formatPctMid(computed)}%，报告写作${r.value}%`,
            [r.span, actual.span, budget.span], { expected: formatPctMid(computed), stated: r.value, unit: '%' }));
        }
        return;
      }
      // A total whose 功能分类 parts each state their completion: the budgets they imply must add up to the total's.
      if (actual.dims?.functional || totals.has(`${r.concept}|${r.section}`)) return;
      totals.add(`${r.concept}|${r.section}`);
      const parts = (byConcept.get(r.concept) ?? []).filter((j) => !excluded.has(j)).map((j) => x.claims[j]!).filter((p) => p.measure === 'completionRate' && p.dims?.functional && p.section === r.section && p.year === r.year);
      if (parts.length === 0) return;
      const codes = parts.map((p) => p.dims!.functional!);
      if (codes.some((c, k) => codes.some((d, m) => m !== k && d.startsWith(c) && d !== c))) return; // two levels of one tree
      let sumA: Interval = { lo: 0n, hi: 0n };
      let sumB: Interval = { lo: 0n, hi: 0n };
      const spans = [r.span, actual.span];
      for (const p of parts) {
        const pa = x.claims[levelOf(x, p, excluded)];
        const PA = pa && claimInterval(pa);
        const PR = claimInterval(p);
        const B = PA && PR && wholeFromPercent(PA, PR);
        if (!pa || !PA || !B) return;
        sumA = add(sumA, PA);
        sumB = add(sumB, B);
        spans.push(p.span);
      }
      if (gap(sumA, A) > 0n) return; // the parts do not cover the total
      const implied = wholeFromPercent(A, R);
      if (!implied) return;
      checked = true;
      if (gap(implied, sumB) === 0n) return;
      const computed = percentInterval(A, sumB);
      findings.push(finding('TX-completion', 'error',
        `${subjectName(r)}写作完成预算${r.value}%，但各科目分别写明的完成情况所对应的预算合计下，完成率约为${computed ? formatPctMid(computed) : '—'}%`,
        spans, { ...(computed ? { expected: formatPctMid(computed) } : {}), stated: r.value, unit: '%' }));
      void (null as unknown as Claim);
    });
    return result(findings, checked);
  },
};
