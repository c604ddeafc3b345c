import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { wan, yuan } from '../money/index.js';
import { parseActual, parseTarget, type Comparator } from './notation.js';
import { DEFAULT_WEIGHTS, scoreExecution, scoreIndicator, totalScore, type IndicatorInput, type IndicatorScore } from './scoring.js';
import { compare, dec, formatFixed } from './decimal.js';

/** Scores a target/actual pair as written on a form. */
function score(target: string, actual: string, weight = '10', extra: Partial<IndicatorInput> = {}, o?: Parameters<typeof scoreIndicator>[1]): IndicatorScore {
  const t = parseTarget(target);
  return scoreIndicator({ target: t, actual: parseActual(actual, t), weight, ...extra }, o);
}

describe('the seeds\' 自评表 cells', () => {
  // [target, actual, status, points (weight 10)]
  const table: Array<[string, string, IndicatorScore['status'], string | undefined]> = [
    // 昭化 “雪亮工程”建设和运维费
    ['≥1282个', '1307', 'met', '10.00'],
    ['≥171个', '174', 'met', '10.00'],
    ['＞80%', '84%', 'met', '10.00'],
    ['≥80%', '80%', 'met', '10.00'],
    ['＞80%', '80%', 'not_met', '10.00'], // strict: equal misses; the formula still gives the weight, the reason asks for a deduction
    ['1年', '1年', 'met', '10.00'],
    ['343万元', '343万元', 'met', '10.00'],
    ['≤60万元', '60万元', 'met', '10.00'],
    ['47万元', '47万元', 'met', '10.00'],
    ['优良中差', '优', 'qualitative', '10.00'],
    ['≥5件', '21', 'far_exceeded', undefined],
    ['≥90%', '90%', 'met', '10.00'],
    // 昭化 网格化管理经费
    ['181人', '181', 'met', '10.00'],
    ['≥2万件次', '2.1', 'met', '10.00'],
    ['≥6000件次', '7000', 'met', '10.00'],
    ['≥200人次', '300', 'met', '10.00'],
    ['≥600件', '1000', 'met', '10.00'],
    ['≥0.8万件次', '1', 'met', '10.00'],
    ['≥200件', '200', 'met', '10.00'],
    ['≥90%', '92%', 'met', '10.00'],
    ['≤95.4万元', '95.4万元', 'met', '10.00'],
    ['≤66.73万元', '66.73万元', 'met', '10.00'],
    // 昭化 部门整体
    ['≤1件/人', '0件/人', 'met', '10.00'],
    ['≥90%', '95%', 'met', '10.00'],
    ['≥90%', '95.77%', 'met', '10.00'],
    ['1', '100%', 'unscorable', undefined],
    ['16', '100%', 'unscorable', undefined],
    ['', '267.14万元', 'unscorable', undefined],
    ['≤891.13万元', '926.25万元', 'partly', '9.62'], // 10 × 891.13 / 926.25 = 9.6208…
    // 米易
    ['40000份7950个', '宣传册 40000份    垃圾桶7950个', 'met', '10.00'],
    ['2021年1-12月', '2021年1-12月', 'met', '10.00'],
    ['167375元', '167375元', 'met', '10.00'],
    ['8155267.4元', '8155267.4元', 'met', '10.00'],
    ['满意度达到95%', '满意度达到95%', 'met', '10.00'],
    ['好', '达到预期指标值', 'met', '10.00'],
    ['高', '按要求完成并通过验收', 'unscorable', undefined],
    ['1个', '完成', 'unscorable', undefined],
    ['提升群众法治意识', '提升群众法治意识', 'unscorable', undefined],
  ];
  it.each(table)('%j / %j → %s %s', (target, actual, status, points) => {
    const s = score(target, actual);
    expect(s.status).toBe(status);
    expect(s.points).toBe(points);
    if (status === 'unscorable' || status === 'far_exceeded' || status === 'not_met' || status === 'partly') {
      expect(s.reason).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('a count target with a percent actual says why it cannot be scored', () => {
    expect(score('1', '100%').reason).toBe('单位不一致，无法比较：指标值“1”没有单位，完成值“100%”单位为“%”');
  });
  it('far exceeded names the multiple and leaves the score to the reviewer', () => {
    expect(score('≥5件', '21').reason).toContain('4.20倍');
  });
  it('a bare target is an amount to reach: 174套 meets 171套 (the 米易 会议系统 row)', () => {
    expect(score('171套', '174')).toEqual({ status: 'met', points: '10.00' });
    expect(score('171套', '171')).toEqual({ status: 'met', points: '10.00' });
    const short = score('171套', '160');
    expect(short).toMatchObject({ status: 'partly', points: '9.36' }); // 10 × 160 / 171
    expect(short.reason).toContain('未写比较符号，按“≥”评分');
  });
  it('a bare cost target is a ceiling: spending less meets it, more misses it', () => {
    const cost = (t: string, a: string) => score(t, a, '10', { impliedComparator: '≤' });
    expect(cost('20万元', '18.5')).toEqual({ status: 'met', points: '10.00' });
    expect(cost('20万元', '25')).toMatchObject({ status: 'partly', points: '8.00' }); // 10 × 20 / 25
  });
  it('a stated 指标性质 overrides the reading of a bare target', () => {
    expect(score('171套', '174', '10', { nature: '=' })).toMatchObject({ status: 'partly', points: '9.83' }); // 10 × 171 / 174
    expect(score('171套', '174', '10', { nature: '≥' })).toEqual({ status: 'met', points: '10.00' });
  });
  it('identical qualitative texts are not taken as met without a grade', () => {
    expect(score('提升群众法治意识', '提升群众法治意识').reason).toContain('文字相同');
    expect(score('提升群众法治意识', '提升群众法治意识', '10', { grade: '优' })).toMatchObject({ status: 'qualitative', points: '10.00' });
  });
});

describe('≥ (higher is better)', () => {
  it('exactly at the target is met', () => expect(score('≥1282个', '1282')).toEqual({ status: 'met', points: '10.00' }));
  it('one unit below scores weight × actual / target', () => {
    expect(score('≥1282个', '1281')).toMatchObject({ status: 'partly', points: '9.99' });
    expect(score('≥80%', '79.99%')).toMatchObject({ status: 'partly', points: '10.00' }); // 9.99875 rounds up; status from the exact value
  });
  it('nothing done scores 0 and is not_met', () => expect(score('≥100个', '0')).toMatchObject({ status: 'not_met', points: '0.00' }));
  it('a target of 0 cannot be scored proportionally when missed', () => {
    expect(score('≥0%', '-1%').status).toBe('unscorable');
    expect(score('≥0%', '5%')).toEqual({ status: 'met', points: '10.00' });
  });
  it('rounds half away from zero on the exact value (四舍五入)', () => {
    expect(score('≥8个', '1', '1').points).toBe('0.13'); // 0.125
    expect(score('≥16个', '1', '1').points).toBe('0.06'); // 0.0625
    expect(score('≥3个', '2', '5').points).toBe('3.33');
  });
  it('compares across 万 prefixes exactly', () => {
    expect(score('≥0.8万件次', '7999件次')).toMatchObject({ status: 'partly', points: '10.00' }); // 9.99875
    expect(score('≥0.8万件次', '7000件次')).toMatchObject({ status: 'partly', points: '8.75' });
  });
});

describe('≤ (lower is better)', () => {
  it('exactly at the target is met', () => expect(score('≤60万元', '60万元').status).toBe('met'));
  it('below is met, never more than the weight', () => expect(score('≤60万元', '30万元')).toEqual({ status: 'met', points: '10.00' }));
  it('above scores weight × target / actual', () => {
    expect(score('≤60万元', '61万元')).toMatchObject({ status: 'partly', points: '9.84' });
    expect(score('≤60万元', '600001元')).toMatchObject({ status: 'partly', points: '10.00' }); // 9.99998…, still partly
  });
  it('actual 0 against ≤ is met', () => expect(score('≤1件/人', '0件/人').status).toBe('met'));
  it('a target of 0 that is exceeded scores 0', () => expect(score('≤0%', '5%')).toMatchObject({ status: 'not_met', points: '0.00' }));
  it('a negative target cannot be scored proportionally', () => expect(score('≤-5%', '3%').status).toBe('unscorable'));
});

describe('strict > and <', () => {
  it('> is met only by a greater actual', () => {
    expect(score('>80%', '80.01%').status).toBe('met');
    const eq = score('>80%', '80%');
    expect(eq).toMatchObject({ status: 'not_met', points: '10.00' });
    expect(eq.reason).toContain('严格大于');
    expect(score('>80%', '79%')).toMatchObject({ status: 'partly', points: '9.88' });
  });
  it('< is met only by a smaller actual', () => {
    expect(score('<5%', '4.99%').status).toBe('met');
    expect(score('<5%', '5%')).toMatchObject({ status: 'not_met', points: '10.00', reason: expect.stringContaining('严格小于') });
    expect(score('<5%', '6%')).toMatchObject({ status: 'partly', points: '8.33' });
    expect(score('<0%', '0%').status).toBe('unscorable');
  });
});

describe('= (exact)', () => {
  it('met only when equal', () => {
    expect(score('=100%', '100%').status).toBe('met');
    expect(score('=100个', '99')).toMatchObject({ status: 'partly', points: '9.90' });
    expect(score('=100个', '101')).toMatchObject({ status: 'partly', points: '9.90' });
    expect(score('=100个', '0')).toMatchObject({ status: 'not_met', points: '0.00' });
  });
  it('the 指标性质 column overrides an unwritten comparator but not a written one', () => {
    expect(score('90%', '95%', '10', { nature: '≥' }).status).toBe('met');
    expect(score('≥90%', '95%', '10', { nature: '≤' })).toMatchObject({ status: 'unscorable', reason: expect.stringContaining('不一致') });
  });
});

describe('far exceeded (set too low)', () => {
  it('is flagged at exactly the factor', () => {
    const s = score('≥5件', '10');
    expect(s.status).toBe('far_exceeded');
    expect(s.points).toBeUndefined();
    expect(score('≥5件', '9.99')).toEqual({ status: 'met', points: '10.00' });
    expect(score('>5件', '10').status).toBe('far_exceeded');
  });
  it('honours another factor, and Infinity turns it off', () => {
    expect(score('≥200人次', '300', '10', {}, { farExceedFactor: 1.5 }).status).toBe('far_exceeded');
    expect(score('≥200人次', '299', '10', {}, { farExceedFactor: '1.5' }).status).toBe('met');
    expect(score('≥5件', '21', '10', {}, { farExceedFactor: Infinity }).status).toBe('met');
  });
  it('refuses a factor of 1 or less', () => {
    expect(() => score('≥5件', '21', '10', {}, { farExceedFactor: 1 })).toThrow(RangeError);
    expect(() => score('≥5件', '21', '10', {}, { farExceedFactor: Number.NaN })).toThrow(RangeError);
  });
  it('is not applied to lower-is-better, to =, or to a zero target', () => {
    expect(score('≤60万元', '10万元').status).toBe('met');
    expect(score('≥0件', '10').status).toBe('met');
  });
});

describe('qualitative indicators', () => {
  it.each([
    ['优', '10.00'], ['良', '8.00'], ['中', '6.00'], ['差', '0.00'],
    ['优秀', '10.00'], ['良好', '8.00'],
  ])('actual %s → %s (band lower bound except 优)', (actual, points) => {
    expect(score('优良中差', actual)).toMatchObject({ status: 'qualitative', points });
  });
  it('the reason names the band so the reviewer can raise the score', () => {
    expect(score('优良中差', '良').reason).toBe('完成值等级“良”对应分值的80%–89%，按区间下限80%计分，评审可在区间内上调');
  });
  it('a grade given by the reviewer wins over the cell', () => {
    expect(score('优良中差', '优', '7.5', { grade: '中' })).toMatchObject({ status: 'qualitative', points: '4.50' });
  });
  it('达成预期指标 is met in full', () => {
    expect(score('达成预期指标', '达成预期指标', '6')).toEqual({ status: 'met', points: '6.00' });
    expect(score('符合相关规定', '已达成预期目标', '6')).toEqual({ status: 'met', points: '6.00' });
  });
  it('a grade on a quantitative indicator is refused', () => {
    expect(score('≥90%', '95%', '10', { grade: '优' }).status).toBe('unscorable');
  });
  it('nature "qualitative" uses the qualitative rules', () => {
    expect(score('90%', '良', '10', { nature: 'qualitative' })).toMatchObject({ status: 'qualitative', points: '8.00' });
  });
});

describe('periods and malformed input', () => {
  it('a period is met when the actual states the same period', () => {
    expect(score('1年', '1年').status).toBe('met');
    expect(score('1年', '2年')).toMatchObject({ status: 'unscorable' });
    expect(score('1年', '1年', '10', { nature: '≤' }).status).toBe('met');
  });
  it('an unparsed actual is unscorable with the parser\'s reason', () => {
    expect(score('≥90%', '80%-90%').reason).toContain('区间');
  });
  it('an actual given only as a bound decides only when the bound suffices', () => {
    expect(score('≥90%', '≥95%').status).toBe('met');
    expect(score('≥90%', '≥85%').status).toBe('unscorable');
    expect(score('≤60万元', '≤50万元').status).toBe('met');
    expect(score('>80%', '≥80%').status).toBe('unscorable');
  });
  it('a bad weight is reported, not thrown', () => {
    expect(score('≥90%', '95%', 'abc')).toMatchObject({ status: 'unscorable', reason: expect.stringContaining('分值') });
    expect(score('≥90%', '95%', '-1').status).toBe('unscorable');
  });
  it('a multi cell that is not fully met is left to the reviewer', () => {
    expect(score('40000份7950个', '40000份 7000个').status).toBe('unscorable');
    expect(score('40000份7950个', '40000份').status).toBe('unscorable');
  });
});

describe('points stay within [0, weight] whatever the values', () => {
  const decimal = fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 0, max: 4 }))
    .map(([u, s]) => (s === 0 ? u.toString() : `${u / 10n ** BigInt(s)}.${(u % 10n ** BigInt(s)).toString().padStart(s, '0')}`));
  it('for every comparator', () => {
    fc.assert(
      fc.property(fc.constantFrom<Comparator>('=', '≥', '≤', '>', '<'), decimal, decimal, decimal, (cmp, t, a, w) => {
        const s = score(`${cmp}${t}个`, a, w);
        expect(s.status).not.toBe('qualitative');
        if (s.points !== undefined) {
          expect(compare(dec(s.points), dec('0'))).toBeGreaterThanOrEqual(0);
          // The full weight is itself shown rounded to 2 decimals.
          expect(compare(dec(s.points), dec(formatFixed(dec(w), 2)))).toBeLessThanOrEqual(0);
        }
        if (s.status === 'met') expect(s.points).toBeDefined();
      }),
      { numRuns: 1000 },
    );
  });
  it('for ≥, a larger actual never scores less until far exceeded', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 0, max: 30_000 }), (t, x, y) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        const a = score(`≥${t}件`, String(lo), '10');
        const b = score(`≥${t}件`, String(hi), '10');
        if (b.points !== undefined && a.points !== undefined) expect(compare(dec(b.points), dec(a.points))).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });
});

describe('预算执行率 (scoreExecution)', () => {
  it('national: 全年执行数 / 全年预算数 × 10 (昭化 1193.39 / 1193.39)', () => {
    expect(scoreExecution(wan('1193.39'), wan('1193.39'), { variant: 'national' })).toEqual({ rate: 10000n, points: '10.00', needsReason: false });
  });
  it('capped at the weight when more than the budget was spent', () => {
    expect(scoreExecution(wan('100'), wan('110'), { variant: 'national' })).toMatchObject({ rate: 11000n, points: '10.00' });
  });
  it('四川: below 90 % needs a reason, 90 % exactly does not', () => {
    expect(scoreExecution(yuan('100.00'), yuan('89.99'), { variant: 'sichuan' })).toMatchObject({ rate: 8999n, points: '9.00', needsReason: true });
    expect(scoreExecution(yuan('100.00'), yuan('90.00'), { variant: 'sichuan' })).toEqual({ rate: 9000n, points: '9.00', needsReason: false });
  });
  it('the national form does not ask for a reason at 89.99 %', () => {
    expect(scoreExecution(yuan('100.00'), yuan('89.99'), { variant: 'national' }).needsReason).toBe(false);
  });
  it('the 90 % test uses the exact ratio, not the rounded rate', () => {
    const s = scoreExecution(yuan('1000.00'), yuan('899.96'), { variant: 'sichuan' });
    expect(s.rate).toBe(9000n); // shown as 90.00 %
    expect(s.needsReason).toBe(true); // but 89.996 % is below 90 %
  });
  it('points come from the exact ratio, rounded once', () => {
    // 98.74951 % → rate shows 98.75 %, points 9.874951 → 9.87 (not 9.875 → 9.88)
    expect(scoreExecution(10_000_000n, 9_874_951n, { variant: 'national' })).toMatchObject({ rate: 9875n, points: '9.87' });
  });
  it('a zero budget has no rate', () => {
    expect(scoreExecution(0n, 0n, { variant: 'sichuan' })).toMatchObject({ rate: null, points: '0.00', needsReason: true });
    expect(scoreExecution(0n, wan('5'), { variant: 'national' }).rate).toBeNull();
  });
  it('takes another weight', () => {
    expect(scoreExecution(wan('100'), wan('50'), { variant: 'national', weight: '20' }).points).toBe('10.00');
  });
});

describe('totalScore and grade bands', () => {
  it.each([
    ['59.99', '差'], ['60', '中'], ['79.99', '中'], ['80', '良'], ['89.99', '良'], ['90', '优'], ['100', '优'], ['0', '差'],
  ] as const)('%s → %s', (total, grade) => {
    expect(totalScore([total]).grade).toBe(grade);
  });
  it('adds the parts exactly', () => {
    expect(totalScore(['10.00', '49.5', '29.99', '9.5'])).toEqual({ total: '98.99', grade: '优' });
    expect(totalScore(['0.1', '0.2'])).toEqual({ total: '0.30', grade: '差' });
  });
  it('shows two decimals but grades the exact sum', () => {
    expect(totalScore(['33.333', '33.333', '33.333'])).toEqual({ total: '100.00', grade: '优' });
    expect(totalScore(['89.995'])).toEqual({ total: '90.00', grade: '良' });
  });
  it('refuses a part that is not a number', () => {
    expect(() => totalScore(['10', 'abc'])).toThrow(/得分“abc”/);
  });
  it('the default 一级 weights add up to 100', () => {
    expect(totalScore(Object.values(DEFAULT_WEIGHTS))).toEqual({ total: '100.00', grade: '优' });
    expect(DEFAULT_WEIGHTS).toEqual({ output: '50', benefit: '30', satisfaction: '10', execution: '10' });
  });
});
