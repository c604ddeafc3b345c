// 增长/下降 Y% recomputed from the change and last year's level (stated, or this year's level minus the change).
import type { Span, TextFinding } from '../types.js';
import { claimInterval, formatPctMid, formatWanMid, gap, MONEY_UNITS, percentInterval, signedBy, sub, type Interval } from '../quantity.js';
import { finding, levelOf, sameSubject as subjectClaims, subjectName } from './helpers.js';
import { result, type TextRule } from './types.js';

/** Words in front of last year's figure stated inside a comparison ("较上年1174万元"). */
const PRIOR_BEFORE = /(?:比|较|与|同)(?:上年|上一年度?|去年|\d{4}年度?)(?:决算数?|同期|支出)?的?$/;

/**
 * A stated rate against the one recomputed: 疑似 when it misses by no more than its last digit (a rounding method) or
 * when a reading is not certain, 确定 otherwise. `what` names the rate ("公务接待费与预算数相比的变动率"), `base` adds how.
 */
function mismatch(what: string, computed: Interval, stated: Interval, value: string, spans: Span[], certain: boolean, base = ''): TextFinding | undefined {
  const g = gap(computed, stated);
  if (g === 0n) return undefined;
  const lastDigit = g <= stated.hi - stated.lo;
  return finding('TX-rate', lastDigit || !certain ? 'warning' : 'error',
    `${what}应为${formatPctMid(computed)}%${base}，报告写作${value}%${lastDigit ? '（末位不符，疑为舍入方法不对）' : ''}`,
    spans, { expected: formatPctMid(computed), stated: value, unit: '%' });
}

const abs = (i: Interval): Interval => (i.lo >= 0n ? i : i.hi <= 0n ? { lo: -i.hi, hi: -i.lo } : { lo: 0n, hi: -i.lo > i.hi ? -i.lo : i.hi });

export const rate: TextRule = {
  id: 'TX-rate',
  title: '增长率与增减额、上年数相符',
  run({ x, excluded }) {
    const findings: TextFinding[] = [];
    let checked = false;
    x.claims.forEach((r, i) => {
      if (r.measure !== 'changeRate' || r.against || excluded.has(i) || r.value.startsWith('-')) return;
      const li = levelOf(x, r, excluded);
      if (li < 0) return;
      const level = x.claims[li]!;
      const mine = subjectClaims(x.claims, r).filter((j) => !excluded.has(j) && x.claims[j]!.statement === r.statement);
      // The change the rate goes with: the last one stated before it (a later one belongs to another comparison).
      const ci = [...mine].reverse().find((j) => j < i && x.claims[j]!.measure === 'change' && !x.claims[j]!.against && x.claims[j]!.direction !== 'flat' && x.claims[j]!.baseYear === r.baseYear) ?? -1;
      // Last year's level: another figure, of a year that is known and is the one compared with. Without years
      // (a text whose year could not be read) nothing tells this year's figure from last year's.
      const pi = r.baseYear === undefined || level.year === undefined || level.year === r.baseYear ? -1
        : mine.find((j) => j !== li && x.claims[j]!.measure === 'level' && x.claims[j]!.scenario === 'actual' && x.claims[j]!.year === r.baseYear) ?? -1;
      // A level whose year label was overruled (“2021年…” read as this year's) is one uncertain reading: a lead at most.
      const overruled = level.statedYear !== undefined;
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
        base = sub(L, signedBy(C, x.claims[ci]!.direction));
        change = C;
      }
      if (!change || !base) return;
      const computed = percentInterval(change, base);
      const stated = claimInterval(r);
      if (!computed || !stated) return;
      checked = true;
      const directionClash = ci >= 0 && x.claims[ci]!.direction !== r.direction && r.direction !== undefined;
      const spans = [r.span, level.span, ...(ci >= 0 ? [x.claims[ci]!.span] : []), ...(pi >= 0 ? [x.claims[pi]!.span] : [])];
      if (directionClash) {
        findings.push(finding('TX-rate', 'error', `${subjectName(r)}的增减额写作“${x.claims[ci]!.direction === 'up' ? '增加' : '减少'}”，增长率却写作“${r.direction === 'up' ? '增长' : '下降'}”`, spans));
        return;
      }
      // Both readings certain: this year's level stated in the rate's own statement, or near it under its heading.
      // A change said right after a part of a 其中 whose whole is in the same sentence ("收入总计3759.2万元，其中年初结转和结余
      // 1366.76万元，较2019年增加197.03万元，增加5.5%") may be the whole's: one reading, not two.
      const partOfWhole = x.breakdowns.some((b) => b.parts.includes(li) && x.claims[b.parent]?.sentence.start === level.sentence.start);
      // A government's revenue or spending ("全县一般公共预算收入…增长6.7%") is often compared on a like-for-like basis
      // (同口径) the text does not state: its rate is a lead, not certain.
      const government = /全(?:县|区|市|州|省|镇|旗)|[县区市]本级/.test(x.masked.slice(level.sentence.start, r.span.start));
      const certain = !partOfWhole && !overruled && !government && (level.statement === r.statement || (level.section === r.section && r.span.start - level.span.start < 400));
      const f = mismatch(`${subjectName(r)}的变动率`, computed, stated, r.value, spans, certain);
      if (f) findings.push(f);
    });
    // 比预算增加/减少 X，增长/下降 Y%: the budget is this year's figure less the change, the rate is on it.
    x.claims.forEach((u, k) => {
      if (u.measure !== 'changeRate' || u.against !== 'budget' || excluded.has(k) || u.value.startsWith('-')) return;
      const chi = k - 1;
      const ch = x.claims[chi];
      if (!ch || ch.against !== 'budget' || ch.measure !== 'change' || ch.statement !== u.statement || excluded.has(chi) || u.span.start - ch.span.end > 8) return;
      const between = x.masked.slice(ch.span.end, u.span.start);
      if (!/^[，,、\s]*(?:增长|下降|上升|降低|减少|增加)了?\s*$/.test(between)) return;
      const li = x.claims.reduce((best, c, j) => (c.statement === u.statement && c.measure === 'level' && c.scenario === 'actual' && c.year === x.year && !PRIOR_BEFORE.test(x.masked.slice(Math.max(0, c.span.start - 12), c.span.start)) && c.span.start < ch.span.start && !excluded.has(j) ? j : best), -1);
      if (li < 0) return;
      const level = x.claims[li]!;
      if (level.statedYear !== undefined || !MONEY_UNITS.has(level.unit) || !MONEY_UNITS.has(ch.unit)) return;
      const L = claimInterval(level);
      const C = claimInterval(ch);
      const stated = claimInterval(u);
      if (!L || !C || !stated) return;
      const budget = sub(L, signedBy(C, ch.direction));
      const spans = [u.span, level.span, ch.span];
      checked = true;
      if ((budget.lo + budget.hi) / 2n === 0n && C.lo > 0n) {
        findings.push(finding('TX-rate', 'error', `${subjectName(level)}的预算数为${level.value}${level.unit}减去变动额${ch.value}${ch.unit}，即0，变动率无从计算，报告写作${u.value}%`,
          spans, { expected: '无从计算', stated: u.value, unit: '%' }));
        return;
      }
      const computed = percentInterval(C, budget);
      if (!computed) return;
      const f = mismatch(`${subjectName(level)}与预算数相比的变动率`, computed, stated, u.value, spans, true, `（预算数${formatWanMid(budget)}万元）`);
      if (f) findings.push(f);
    });
    return result(findings, checked);
  },
};
