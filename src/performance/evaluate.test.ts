import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Evaluation } from '../model/schema.js';
import { parseAmount } from '../money/index.js';
import { defaultLevel1Weight, executionRow, maxTotal, scoreEvaluation, splitWeight } from './evaluate.js';

const wan = (s: string) => parseAmount(s, '万元');
const ev = (over: Partial<Evaluation> = {}): Evaluation => ({
  kind: 'project', name: '甲项目', department: '甲局', implementer: '甲局',
  funds: [{ source: 'total', initial: wan('100'), annual: wan('100'), executed: wan('95') }],
  indicators: [
    { level1: '产出指标', level2: '数量指标', level3: 'A', target: '≥10个', actual: '12' },
    { level1: '产出指标', level2: '质量指标', level3: 'B', target: '≥90%', actual: '81%' },
    { level1: '效益指标', level2: '社会效益指标', level3: 'C', target: '优良中差', actual: '良' },
    { level1: '满意度指标', level2: '服务对象满意度指标', level3: 'D', target: '≥90%', actual: '95%' },
  ],
  problems: [], suggestions: [], stated: {}, report: {},
  ...over,
});

describe('splitWeight', () => {
  it('splits to 0.01 and adds up exactly, leftovers to the first', () => {
    expect(splitWeight('50', 7)).toEqual(['7.15', '7.15', '7.14', '7.14', '7.14', '7.14', '7.14']);
    expect(splitWeight('30', 1)).toEqual(['30.00']);
    expect(splitWeight('10', 3)).toEqual(['3.34', '3.33', '3.33']);
  });
  it('always adds up to the total (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 1, max: 60 }), (hundredths, n) => {
      const total = (hundredths / 100).toFixed(2);
      const sum = splitWeight(total, n).reduce((t, w) => t + Math.round(Number(w) * 100), 0);
      expect(sum).toBe(hundredths);
    }));
  });
});

describe('scoreEvaluation', () => {
  it('reads a target without a comparator as an amount to reach, and a bare cost target as a ceiling', () => {
    const s = scoreEvaluation(ev({
      indicators: [
        { level1: '产出指标', level2: '数量指标', level3: '会议系统', target: '171套', actual: '174' },
        { level1: '产出指标', level2: '成本指标', level3: '建设成本', target: '820万元', actual: '815.53' },
        { level1: '产出指标', level2: '成本指标', level3: '运维成本', target: '20万元', actual: '25' },
      ],
    }), 'sichuan');
    expect(s.indicators.map((i) => i.score.status)).toEqual(['met', 'met', 'partly']);
  });
  it('uses the default 一级 weights when the form has none', () => {
    const s = scoreEvaluation(ev(), 'national');
    expect(s.weightSource).toBe('default');
    expect(s.indicators.map((i) => i.weight)).toEqual(['25.00', '25.00', '30.00', '10.00']);
    // 9.50 (95 % of 10) + 25 + 25 × 81/90 = 22.50 + 良 → 80 % of 30 = 24 + 10
    expect(s.execution?.points).toBe('9.50');
    expect(s.indicators.map((i) => i.score.points)).toEqual(['25.00', '22.50', '24.00', '10.00']);
    expect(s.total).toBe('91.00');
    expect(s.grade).toBe('优');
    expect(s.weightTotal).toBe('100.00');
    expect(s.pendingCount).toBe(0);
  });
  it('uses the form weights when every indicator has one', () => {
    const e = ev();
    e.indicators.forEach((i, k) => (i.weight = ['40', '10', '30', '10'][k]));
    const s = scoreEvaluation(e, 'national');
    expect(s.weightSource).toBe('form');
    expect(s.indicators[1]!.score.points).toBe('9.00');
  });
  it('leaves indicators of an 一级 without a default weight to the reviewer', () => {
    const e = ev();
    e.indicators[0]!.level1 = '投入指标';
    const s = scoreEvaluation(e, 'national');
    expect(s.indicators[0]!.weightSource).toBe('none');
    expect(s.indicators[0]!.score.status).toBe('unscorable');
    expect(s.indicators[1]!.weight).toBe('50.00');
  });
  it('counts unscorable and far-exceeded indicators as pending, with their weight', () => {
    const e = ev();
    e.indicators[0]!.actual = '30'; // 3 × the target: far exceeded
    e.indicators[3]!.actual = '很好';
    const s = scoreEvaluation(e, 'national');
    expect(s.pendingCount).toBe(2);
    expect(s.pending).toBe('35.00');
    expect(maxTotal(s)).toBe('91.00');
  });
  it('reads the execution rate from 年度资金总额, else 财政拨款', () => {
    const e = ev({ funds: [{ source: 'fiscal', annual: wan('80'), executed: wan('60') }, { source: 'generalBudget', annual: wan('80'), executed: wan('60') }] });
    expect(executionRow(e)?.source).toBe('fiscal');
    expect(scoreEvaluation(e, 'sichuan').execution).toMatchObject({ points: '7.50', needsReason: true });
    expect(scoreEvaluation(e, 'national').execution?.needsReason).toBe(false);
  });
  it('names the 一级 groups it has defaults for', () => {
    expect(defaultLevel1Weight('产出指标')).toBe('50');
    expect(defaultLevel1Weight('完成指标')).toBe('50');
    expect(defaultLevel1Weight('效果指标')).toBe('30');
    expect(defaultLevel1Weight('满意度指标')).toBe('10');
    expect(defaultLevel1Weight('过程指标')).toBeUndefined();
  });
});
