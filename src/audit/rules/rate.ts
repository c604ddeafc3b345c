// 增长/下降 Y% recomputed from the change and last year's level (stated, or this year's level minus the change).
import type { TextFinding } from '../types.js';
import { claimInterval, formatPctMid, gap, percentInterval, sub, type Interval } from '../quantity.js';
import { finding, levelOf, sameSubject as subjectClaims, subjectName } from './helpers.js';
import { result, type TextRule } from './types.js';

const abs = (i: Interval): Interval => (i.lo >= 0n ? i : i.hi <= 0n ? { lo: -i.hi, hi: -i.lo } : { lo: 0n, hi: -i.lo > i.hi ? -i.lo : i.hi });

export const rate: TextRule = {
  id: 'TX-rate',
  title: '增长率与增减额、上年数相符',
  run({ x, excluded }) {
    const findings: TextFinding[] = [];
    let checked = false;
    x.claims.forEach((r, i) => {
      if (r.measure !== 'changeRate' || excluded.has(i) || r.value.startsWith('-')) return;
      const li = levelOf(x, r, excluded);
      if (li < 0) return;
      const level = x.claims[li]!;
      const mine = subjectClaims(x.claims, r).filter((j) => !excluded.has(j) && x.claims[j]!.statement === r.statement);
      // The change the rate goes with: the last one stated before it (a later one belongs to another comparison).
      const ci = [...mine].reverse().find((j) => j < i && x.claims[j]!.measure === 'change' && x.claims[j]!.direction !== 'flat' && x.claims[j]!.baseYear === r.baseYear) ?? -1;
      // Last year's level: another figure, of a year that is known and is the one compared with. Without years
      // (a text whose year could not be read) nothing tells this year's figure from last year's.
      const pi = r.baseYear === undefined || level.year === undefined || level.year === r.baseYear ? -1
        : mine.find((j) => j !== li && x.claims[j]!.measure === 'level' && x.claims[j]!.scenario === 'actual' && x.claims[j]!.year === r.baseYear) ?? -1;
      // A level whose year label was overruled (“2021年…” read as this year's) is not certain enough to recompute from.
      if (level.statedYear !== undefined) return;
      const L = claimInterval(level);
      if (!L) return;
      const C = ci >= 0 ? claimInterval(x.claims[ci]!) : undefined;
      const P = pi >= 0 ? claimInterval(x.claims[pi]!) : undefined;
      let change: Interval | undefined;
      let base: Interval | undefined;
      if (P) {
        base = P;
        change = abs(sub(L, P));
      } else if (C) {
        const signed = x.claims[ci]!.direction === 'down' ? { lo: -C.hi, hi: -C.lo } : C;
        base = sub(L, signed);
        change = C;
      }
      if (!change || !base) return;
      const computed = percentInterval(change, base);
      const stated = claimInterval(r);
      if (!computed || !stated) return;
      checked = true;
      const directionClash = ci >= 0 && x.claims[ci]!.direction !== r.direction && r.direction !== undefined;
      const g = gap(computed, stated);
      if (g === 0n && !directionClash) return;
      const spans = [r.span, level.span, ...(ci >= 0 ? [x.claims[ci]!.span] : []), ...(pi >= 0 ? [x.claims[pi]!.span] : [])];
      if (directionClash) {
        findings.push(finding('TX-rate', 'error', `${subjectName(r)}的增减额写作“${x.claims[ci]!.direction === 'up' ? '增加' : '减少'}”，增长率却写作“${r.direction === 'up' ? '增长' : '下降'}”`, spans));
        return;
      }
      // Both readings certain: this year's level stated in the rate's own statement.
      const certain = level.statement === r.statement;
      findings.push(finding('TX-rate', g <= stated.hi - stated.lo || !certain ? 'warning' : 'error',
        `${subjectName(r)}的变动率应为${formatPctMid(computed)}%，报告写作${r.value}%${g <= stated.hi - stated.lo ? '（末位不符，疑为舍入方法不对）' : ''}`,
        spans, { expected: formatPctMid(computed), stated: r.value, unit: '%' }));
    });
    return result(findings, checked);
  },
};
