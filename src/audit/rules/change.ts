// 增加/减少 X万元 recomputed from this year's and last year's stated levels; 增加 with a negative change; 持平 beside a change.
import type { TextFinding } from '../types.js';
import { add, claimInterval, formatWanMid, gap, MONEY_UNITS, signedBy, sub, type Interval } from '../quantity.js';

/** A count interval (10⁻⁶ units) at its midpoint, as few decimals as it needs. */
function formatCountMid(i: Interval): string {
  const mid = (i.lo + i.hi) / 2n;
  const neg = mid < 0n;
  const a = neg ? -mid : mid;
  const frac = (a % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / 1_000_000n}${frac ? `.${frac}` : ''}`;
}
import type { Claim } from '../types.js';
import { finding, levelOf, sameSubject, subjectName } from './helpers.js';
import { result, type TextRule } from './types.js';

export const change: TextRule = {
  id: 'TX-change',
  title: '增减额与两年数字相符，增减方向正确',
  run({ x, excluded }) {
    const findings: TextFinding[] = [];
    let checked = false;
    x.claims.forEach((c, i) => {
      if (c.measure !== 'change' && c.measure !== 'changeRate') return;
      if (excluded.has(i)) return;
      if (c.value.startsWith('-') && (c.direction === 'up' || c.direction === 'down')) {
        checked = true;
        findings.push(finding('TX-change', 'error', `${subjectName(c)}写作“${c.direction === 'up' ? '增加' : '减少'}${c.value}${c.unit}”，增减方向与负数矛盾`, [c.span], { stated: c.value, unit: c.unit }));
      }
    });
    // 持平 and a non-zero change of the same subject in the same sentence.
    x.claims.forEach((c, i) => {
      if (c.direction !== 'flat' || excluded.has(i)) return;
      const other = sameSubject(x.claims, c).map((j) => x.claims[j]!).find((o) => o !== c && !o.against && o.statement === c.statement && o.measure === 'change' && o.direction !== 'flat' && o.baseYear === c.baseYear && Number(o.value) !== 0);
      if (!other) return;
      checked = true;
      findings.push(finding('TX-change', 'error', `${subjectName(c)}既写“${other.direction === 'up' ? '增加' : '减少'}${other.value}${other.unit}”又写“持平”，前后矛盾`, [c.span, other.span], { stated: '持平', expected: `${other.direction === 'up' ? '增加' : '减少'}${other.value}${other.unit}` }));
    });
    // Stated change against stated levels of both years.
    x.claims.forEach((c, i) => {
      if (c.measure !== 'change' || c.against || c.direction === 'flat' || excluded.has(i) || c.year === undefined) return;
      const li = levelOf(x, c, excluded);
      if (li < 0) return;
      const level = x.claims[li]!;
      const base = c.baseYear ?? c.year! - 1;
      const priors = sameSubject(x.claims, c).filter((j) => !excluded.has(j)).map((j) => x.claims[j]! as Claim)
        .filter((p) => p.measure === 'level' && p.scenario === 'actual' && p.year === base && p.year !== level.year && (MONEY_UNITS.has(p.unit) ? MONEY_UNITS.has(level.unit) : p.unit === level.unit));
      // Last year's level in the same statement; else stated elsewhere in the text, when every statement of it agrees.
      const prior = priors.find((p) => p.statement === c.statement) ?? (priors.length > 0 && priors.every((p) => p.value === priors[0]!.value && p.unit === priors[0]!.unit) ? priors[0] : undefined);
      if (!prior || level.statedYear !== undefined || prior.statedYear !== undefined) return;
      const L = claimInterval(level);
      const P = claimInterval(prior);
      const C = claimInterval(c);
      if (!L || !P || !C) return;
      checked = true;
      const computed = sub(L, P);
      const signed = signedBy(C, c.direction);
      const g = gap(computed, signed);
      if (g === 0n) return;
      const wrongWay = (computed.hi < 0n && c.direction === 'up') || (computed.lo > 0n && c.direction === 'down');
      // Money in 万元 (a change written in 元 converted); counts (辆, 人 …) in their own unit, 10⁻⁶ scale.
      const money = MONEY_UNITS.has(c.unit);
      const show = (i: Interval) => (money ? formatWanMid(i) : formatCountMid(i));
      const unit = money ? '万元' : c.unit;
      findings.push(finding('TX-change', g <= C.hi - C.lo && !wrongWay ? 'warning' : 'error',
        wrongWay
          ? `${subjectName(c)}由${prior.value}${prior.unit}变为${level.value}${level.unit}，应为${computed.hi < 0n ? '减少' : '增加'}，报告写作“${c.direction === 'up' ? '增加' : '减少'}”`
          : `${subjectName(c)}由${prior.value}${prior.unit}变为${level.value}${level.unit}，变动额应为${show(computed).replace('-', '')}${unit}，报告写作${c.value}${c.unit}`,
        [c.span, level.span, prior.span], { expected: show(computed), stated: c.unit === unit ? `${c.direction === 'down' ? '-' : ''}${c.value}` : show(signed), unit }));
    });
    // The parts' changes add up to the whole's (“三公”经费比上年减少X：出国、公务用车、公务接待各自的增减之和).
    for (const [whole, ...alternatives] of PART_SETS) {
      const totals = x.claims.map((c, i) => ({ c, i })).filter(({ c, i }) => c.concept === whole && c.measure === 'change' && !c.against && c.direction !== 'flat' && !excluded.has(i) && MONEY_UNITS.has(c.unit));
      if (totals.length !== 1) continue;
      const total = totals[0]!.c;
      for (const parts of alternatives) {
        const changes = parts.map((p) => x.claims.filter((c, i) => c.concept === p && (c.measure === 'change') && !c.against && c.baseYear === total.baseYear && !excluded.has(i) && MONEY_UNITS.has(c.unit) && !c.dims));
        // Every part once, each stated (持平 counts as 0), none twice.
        if (changes.some((cs) => cs.length !== 1)) continue;
        const signedOf = (c: Claim): Interval | undefined => {
          const I = claimInterval(c);
          return !I ? undefined : c.direction === 'flat' ? { lo: 0n, hi: 0n } : signedBy(I, c.direction);
        };
        let sum: Interval = { lo: 0n, hi: 0n };
        let ok = true;
        for (const [c] of changes) {
          const I = signedOf(c!);
          if (!I) ok = false;
          else sum = add(sum, I);
        }
        const T = signedOf(total);
        if (!ok || !T) continue;
        checked = true;
        if (gap(sum, T) > 0n) {
          findings.push(finding('TX-change', 'error',
            `${subjectName(total)}${total.direction === 'up' ? '增加' : '减少'}${total.value}${total.unit}，而各组成部分的增减合计为${formatWanMid(sum)}万元，两者不符`,
            [total.span, ...changes.map(([c]) => c!.span)], { expected: formatWanMid(sum), stated: `${total.direction === 'down' ? '-' : ''}${total.value}`, unit: '万元' }));
        }
        break;
      }
    }
    return result(findings, checked);
  },
};

/** A whole and the ways its parts are listed. */
const PART_SETS: [string, ...string[][]][] = [
  ['sangong.total', ['sangong.abroad', 'sangong.vehicle', 'sangong.reception'], ['sangong.abroad', 'sangong.vehicle_purchase', 'sangong.vehicle_operation', 'sangong.reception']],
  ['sangong.vehicle', ['sangong.vehicle_purchase', 'sangong.vehicle_operation']],
];
