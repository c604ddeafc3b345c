import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  convertUnit, formatValue, parseActual, parseNature, parseTarget, toCommonUnit, toQuantity,
  type Comparator, type ParsedValue,
} from './notation.js';
import { compare, dec } from './decimal.js';

const q = (comparator: Comparator, value: string, unit: string, extra: object = {}): ParsedValue =>
  ({ kind: 'quantity', comparator, value, unit, ...extra }) as ParsedValue;
const bare = (value: string, unit: string, extra: object = {}): ParsedValue => q('=', value, unit, { implied: true, ...extra });

describe('parseTarget reads the notations seen on real forms', () => {
  const table: Array<[string, ParsedValue]> = [
    ['≥1282个', q('≥', '1282', '个')],
    ['＞80%', q('>', '80', '%')],
    ['>80%', q('>', '80', '%')],
    ['≤60万元', q('≤', '60', '万元')],
    ['171套', bare('171', '套')],
    ['1年', { kind: 'period', text: '1年' }],
    ['≥2万件次', q('≥', '2', '万件次')],
    ['优良中差', { kind: 'qualitative', text: '优良中差' }],
    ['优', { kind: 'qualitative', text: '优' }],
    ['达成预期指标', { kind: 'qualitative', text: '达成预期指标' }],
    ['2021年1-12月', { kind: 'period', text: '2021年1-12月' }],
    ['40000份7950个', { kind: 'quantities', items: [
      { comparator: '=', value: '40000', unit: '份', implied: true },
      { comparator: '=', value: '7950', unit: '个', implied: true },
    ] }],
    ['167375元', bare('167375', '元')],
    ['343万元', bare('343', '万元')],
    ['≥0.8万件次', q('≥', '0.8', '万件次')],
    ['≤1件/人', q('≤', '1', '件/人')],
    ['0件/人', bare('0', '件/人')],
    ['100%', bare('100', '%')],
    ['95.77%', bare('95.77', '%')],
    ['满意度达到95%', q('≥', '95', '%', { label: '满意度' })],
    // the rest of the seeds' cells
    ['≥171个', q('≥', '171', '个')],
    ['≥80%', q('≥', '80', '%')],
    ['≥5件', q('≥', '5', '件')],
    ['181人', bare('181', '人')],
    ['≥200人次', q('≥', '200', '人次')],
    ['≤95.4万元', q('≤', '95.4', '万元')],
    ['≤891.13万元', q('≤', '891.13', '万元')],
    ['1', bare('1', '')],
    ['8155267.4元', bare('8155267.4', '元')],
    ['1个', bare('1', '个')],
    ['高', { kind: 'qualitative', text: '高' }],
  ];
  it.each(table)('%s', (text, expected) => {
    expect(parseTarget(text)).toEqual(expected);
  });
});

describe('normalising symbols', () => {
  it.each([
    ['≧90%', '≥'], ['>=90%', '≥'], ['≥90%', '≥'], ['⩾90%', '≥'],
    ['≦90%', '≤'], ['<=90%', '≤'], ['≤90%', '≤'],
    ['＞90%', '>'], ['＜90%', '<'], ['＝90%', '='],
  ] as const)('%s → %s', (text, cmp) => {
    expect(parseTarget(text)).toEqual(q(cmp, '90', '%'));
  });
  it('full-width digits and ％ become half-width', () => {
    expect(parseTarget('≥９０％')).toEqual(q('≥', '90', '%'));
    expect(parseTarget('９５．７７％')).toEqual(bare('95.77', '%'));
  });
  it('spaces inside a cell do not matter', () => {
    expect(parseTarget(' ≥ 1282 个 ')).toEqual(q('≥', '1282', '个'));
  });
  it('thousands separators are dropped from the value', () => {
    expect(parseTarget('≥1,282个')).toEqual(q('≥', '1282', '个'));
  });
  it('万 stays in the unit, the value is not scaled', () => {
    expect(parseTarget('≥2万件次')).toMatchObject({ value: '2', unit: '万件次' });
    expect(toQuantity({ value: '2', unit: '万件次' })).toEqual({ value: '2', magnitude: '万', unit: '件次' });
    expect(toQuantity({ value: '3', unit: '千克' })).toEqual({ value: '3', magnitude: '', unit: '千克' });
  });
});

describe('comparator words and suffixes', () => {
  it.each([
    ['不低于90%', '≥'], ['不少于200件', '≥'], ['不超过60万元', '≤'], ['不高于5%', '≤'],
    ['大于80%', '>'], ['低于5%', '<'], ['95%以上', '≥'], ['3天以内', '≤'], ['5%以下', '≤'],
  ] as const)('%s → %s', (text, cmp) => {
    expect(parseTarget(text)).toMatchObject({ kind: 'quantity', comparator: cmp });
  });
  it('达到 is a floor in a target but the value itself in an actual', () => {
    expect(parseTarget('满意度达到95%')).toMatchObject({ comparator: '≥' });
    expect(parseActual('满意度达到95%')).toEqual(q('=', '95', '%', { label: '满意度' }));
  });
  it('a contradiction is not resolved by guessing', () => {
    expect(parseTarget('≥95%以下')).toMatchObject({ kind: 'unparsed', reason: expect.stringContaining('矛盾') });
  });
});

describe('several quantities in one cell', () => {
  it('reads labels written before each number (米易 宣传册/垃圾桶)', () => {
    expect(parseActual('宣传册 40000份    垃圾桶7950个')).toEqual({ kind: 'quantities', items: [
      { comparator: '=', value: '40000', unit: '份', implied: true, label: '宣传册' },
      { comparator: '=', value: '7950', unit: '个', implied: true, label: '垃圾桶' },
    ] });
  });
  it('a comma between two quantities separates them; one between digit groups does not', () => {
    expect(parseTarget('40000份，7950个')).toMatchObject({ kind: 'quantities' });
    expect(parseTarget('1,282个')).toMatchObject({ kind: 'quantity', value: '1282' });
  });
  it('every number in such a cell needs its own unit', () => {
    expect(parseActual('40000 7950', parseTarget('40000份7950个'))).toMatchObject({ kind: 'unparsed' });
    expect(parseActual('40000份 7950', parseTarget('40000份7950个'))).toMatchObject({ kind: 'unparsed' });
  });
  it('items in 元 are converted to the target items\' 万元', () => {
    expect(parseActual('5000元 3万元', parseTarget('≤1万元 ≤3万元'))).toEqual({ kind: 'quantities', items: [
      { comparator: '=', value: '0.5', unit: '万元', implied: true },
      { comparator: '=', value: '3', unit: '万元', implied: true },
    ] });
  });
});

describe('periods', () => {
  it.each(['1年', '12个月', '1年内', '2021年1-12月', '2022年12月31日前', '2022年', '年底前', '2021年1月-12月'])('%s', (t) => {
    expect(parseTarget(t)).toEqual({ kind: 'period', text: t });
  });
  it('a duration with a comparator is a quantity', () => {
    expect(parseTarget('≤1年')).toEqual(q('≤', '1', '年'));
    expect(parseTarget('≤30天')).toEqual(q('≤', '30', '天'));
  });
});

describe('what cannot be read is unparsed with a Chinese reason, never a guess', () => {
  it.each([
    ['', '空白'],
    ['   ', '空白'],
    ['80%-90%', '区间'],
    ['GB/T 18578-2008《城市地理信息系统设计规范》', '含有数字'],
    ['≥1282个(点位)', '单位'],
    ['指标1：≥90%', '含有数字'],
    ['1e5', '单位'],
    ['40000 7950', '空格'],
    ['≥1 282个', '空格'],
    ['≥', '只有比较符号'],
    ['＞优', '只有比较符号'],
  ])('%j', (text, why) => {
    const p = parseTarget(text);
    expect(p.kind).toBe('unparsed');
    if (p.kind === 'unparsed') {
      expect(p.reason).toContain(why);
      expect(p.text).toBe(text);
    }
  });
});

describe('parseActual against its target', () => {
  it('a bare number takes the target unit (网格化 ≥2万件次 / 2.1)', () => {
    expect(parseActual('2.1', parseTarget('≥2万件次'))).toEqual(q('=', '2.1', '万件次', { implied: true, asWritten: '2.1' }));
    expect(parseActual('1307', parseTarget('≥1282个'))).toMatchObject({ value: '1307', unit: '个' });
    expect(parseActual('1', parseTarget('≥0.8万件次'))).toMatchObject({ value: '1', unit: '万件次' });
  });
  it('元 against a target in 万元 converts exactly through 分', () => {
    expect(parseActual('167375元', parseTarget('≤20万元'))).toMatchObject({ value: '16.7375', unit: '万元', asWritten: '167375元' });
    expect(parseActual('8155267.4元', parseTarget('≤816万元'))).toMatchObject({ value: '815.52674', unit: '万元' });
    expect(parseActual('60万元', parseTarget('≤600000元'))).toMatchObject({ value: '600000', unit: '元' });
  });
  it('a value finer than 1 分 still converts exactly', () => {
    expect(convertUnit('0.001', '元', '万元')).toBe('0.0000001');
  });
  it('万件次 and 件次 convert; a different unit stays as written', () => {
    expect(parseActual('21000件次', parseTarget('≥2万件次'))).toMatchObject({ value: '2.1', unit: '万件次' });
    expect(parseActual('100%', parseTarget('1'))).toEqual(bare('100', '%'));
    expect(parseActual('100台', parseTarget('≥90个'))).toEqual(bare('100', '台'));
  });
  it('the same unit is left alone', () => {
    expect(parseActual('60万元', parseTarget('≤60万元'))).toEqual(bare('60', '万元'));
  });
  it('without a target the actual is read on its own', () => {
    expect(parseActual('2.1')).toEqual(bare('2.1', ''));
    expect(parseActual('优')).toEqual({ kind: 'qualitative', text: '优' });
  });
});

describe('toCommonUnit', () => {
  it.each([
    [{ value: '60', unit: '万元' }, { value: '600000', unit: '元' }, { a: '600000', b: '600000', unit: '元' }],
    [{ value: '2', unit: '万件次' }, { value: '2.1', unit: '万件次' }, { a: '2', b: '2.1', unit: '万件次' }],
    [{ value: '0.8', unit: '万件次' }, { value: '7999', unit: '件次' }, { a: '8000', b: '7999', unit: '件次' }],
    [{ value: '90', unit: '%' }, { value: '95.77', unit: '%' }, { a: '90', b: '95.77', unit: '%' }],
    [{ value: '1.5', unit: '亿元' }, { value: '3', unit: '万元' }, { a: '15000', b: '3', unit: '万元' }],
  ])('%j vs %j', (a, b, expected) => {
    expect(toCommonUnit(a, b)).toEqual(expected);
  });
  it.each([
    [{ value: '1', unit: '' }, { value: '100', unit: '%' }],
    [{ value: '171', unit: '套' }, { value: '174', unit: '个' }],
    [{ value: '1', unit: '人' }, { value: '1', unit: '人次' }],
  ])('%j vs %j cannot be compared', (a, b) => {
    expect(toCommonUnit(a, b)).toBeUndefined();
  });
});

describe('指标性质 column', () => {
  it.each([
    ['≥', '≥'], ['＞', '>'], ['≦', '≤'], ['＝', '='], ['定性', 'qualitative'], ['不低于', '≥'], ['', undefined], ['？', undefined],
  ] as const)('%j → %j', (text, nature) => {
    expect(parseNature(text)).toBe(nature);
  });
});

describe('properties', () => {
  it('parseTarget and parseActual never throw, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 20 }),
        fc.stringMatching(/^[≥≤<>=＞＜％%.,0-9万元个件次年月\-~ 、，]{0,16}$/)), (s) => {
        const t = parseTarget(s);
        expect(['quantity', 'quantities', 'qualitative', 'period', 'unparsed']).toContain(t.kind);
        parseActual(s, t);
      }),
      { numRuns: 2000 },
    );
  });

  const decimal = fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.option(fc.stringMatching(/^\d{1,4}$/), { nil: undefined }))
    .map(([neg, whole, frac]) => `${neg && whole > 0n ? '-' : ''}${whole}${frac === undefined ? '' : `.${frac}`}`);
  const unit = fc.constantFrom('个', '%', '万元', '元', '万件次', '件次', '件/人', '人次', '套', '天', '份', '');
  const comparator = fc.constantFrom<Comparator>('=', '≥', '≤', '>', '<');

  it('formatted quantities round-trip', () => {
    fc.assert(
      fc.property(comparator, fc.boolean(), decimal, unit, (cmp, implied, value, u) => {
        const v: ParsedValue = implied
          ? { kind: 'quantity', comparator: '=', value, unit: u, implied: true }
          : { kind: 'quantity', comparator: cmp, value, unit: u };
        expect(parseTarget(formatValue(v))).toEqual(v);
      }),
      { numRuns: 1000 },
    );
  });

  it('converting between 元 and 万元 loses nothing', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), (fen) => {
        const abs = fen < 0n ? -fen : fen;
        const yuanText = `${fen < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
        const wanText = convertUnit(yuanText, '元', '万元')!;
        const back = convertUnit(wanText, '万元', '元')!;
        expect(compare(dec(back), dec(yuanText))).toBe(0);
      }),
    );
  });
});
