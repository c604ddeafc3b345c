// 绩效自评 scores: the report's 自评得分 against the form's total, the total against its parts,
import type { TextFinding } from '../types.js';
// each stated indicator score against scoring.ts, and a missed target without a stated reason.
import { parseActual, parseTarget } from '../../performance/notation.js';
import { impliedComparatorOf } from '../../performance/evaluate.js';
import { scoreIndicator, totalScore } from '../../performance/scoring.js';
import { parseDecimal, compare } from '../../performance/decimal.js';
import { finding } from './helpers.js';
import { result, type TextRule } from './types.js';

export const evaluationScore: TextRule = {
  id: 'PF-score',
  title: '自评得分与自评表、评分规则一致',
  run({ x }) {
    const findings: TextFinding[] = [];
    let checked = false;
    for (const b of x.evaluations) {
      const e = b.evaluation;
      const name = e.name;
      if (e.selfScore && b.formTotal && b.scoreSpan) {
        checked = true;
        const a = parseDecimal(e.selfScore);
        const f = parseDecimal(b.formTotal.value);
        if (a && f && compare(a, f) !== 0) {
          findings.push(finding('PF-score', 'error', `“${name}”的自评报告写自评得分${e.selfScore}分，自评表总分为${b.formTotal.value}分`, [b.scoreSpan, b.formTotal.span], { expected: b.formTotal.value, stated: e.selfScore, unit: '分' }));
        }
      }
      const scored = e.indicators.filter((i) => i.score !== undefined && parseDecimal(i.score) !== undefined);
      if (b.formTotal && scored.length === e.indicators.length && scored.length > 0) {
        // The form total also holds the 预算执行率 score, which the indicator rows do not; only a total below the rows' sum is certain.
        checked = true;
        const sum = totalScore(scored.map((i) => i.score!)).total;
        const t = parseDecimal(b.formTotal.value)!;
        if (compare(t, parseDecimal(sum)!) < 0) {
          findings.push(finding('PF-score', 'error', `“${name}”自评表总分${b.formTotal.value}分，少于各指标得分之和${sum}分`, [b.formTotal.span], { expected: `≥ ${sum}`, stated: b.formTotal.value, unit: '分' }));
        }
      }
      e.indicators.forEach((ind, k) => {
        const span = b.indicatorSpans[k];
        if (!span) return;
        const target = parseTarget(ind.target);
        const actual = parseActual(ind.actual, target);
        const weight = ind.weight && parseDecimal(ind.weight) ? ind.weight : '10';
        const s = scoreIndicator({ target, actual, weight, impliedComparator: impliedComparatorOf(ind) });
        const w = ind.weight ? parseDecimal(ind.weight) : undefined;
        const st = ind.score !== undefined ? parseDecimal(ind.score) : undefined;
        if (w && st && compare(st, w) > 0) {
          checked = true;
          findings.push(finding('PF-score', 'error', `“${name}”指标“${ind.level3}”得分${ind.score}分，超过其分值${ind.weight}分`, [span], { expected: `≤ ${ind.weight}`, stated: ind.score, unit: '分' }));
          return;
        }
        if (ind.score !== undefined && ind.weight && s.points !== undefined && (s.status === 'met' || s.status === 'partly' || s.status === 'not_met')) {
          const stated = parseDecimal(ind.score);
          const computed = parseDecimal(s.points);
          checked = true;
          if (stated && computed && compare(stated, computed) > 0) {
            findings.push(finding('PF-score-rules', s.status === 'met' ? 'error' : 'warning', `“${name}”指标“${ind.level3}”得分${ind.score}分，按指标值${ind.target}、完成值${ind.actual}最多应得${s.points}分`, [span], { expected: s.points, stated: ind.score, unit: '分' }));
          }
        }
        if ((s.status === 'not_met' || s.status === 'partly') && !ind.deviation) {
          checked = true;
          findings.push(finding('PF-deviation', 'warning', `“${name}”指标“${ind.level3}”完成值${ind.actual}未达到指标值${ind.target}，但没有说明偏差原因`, [span], { expected: ind.target, stated: ind.actual }));
        }
      });
    }
    return result(findings, checked);
  },
};
