import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  parseAmount, wan, yuan, formatWan, formatYuan, divRound, MoneyParseError, exactDecimal,
  percentOf, sharesOf, formatPercent, changeOf,
} from './index.js';

describe('parsing amounts', () => {
  it('reads 万元 with two decimals exactly', () => {
    expect(parseAmount('1193.39', '万元')).toEqual({ fen: 1_193_390_000n, precision: 10_000n });
  });
  it('accepts thousands separators, full-width digits and spaces', () => {
    expect(wan('1,193.39')).toBe(1_193_390_000n);
    expect(wan('１１９３．３９')).toBe(1_193_390_000n);
    expect(wan(' 1193.39 ')).toBe(1_193_390_000n);
  });
  it('a unit written in the text wins over the default', () => {
    expect(parseAmount('4146701.19元', '万元')).toEqual({ fen: 414_670_119n, precision: 1n });
    expect(parseAmount('580万元', '元')).toEqual({ fen: 580_000_000n, precision: 1_000_000n });
  });
  it('knows the precision of what was stated', () => {
    expect(parseAmount('580', '万元').precision).toBe(1_000_000n);
    expect(parseAmount('580.00', '万元').precision).toBe(10_000n);
    expect(parseAmount('0.000001', '万元').precision).toBe(1n);
  });
  it('reads negatives', () => {
    expect(wan('-0.54')).toBe(-540_000n);
  });
  it('refuses what it cannot read exactly, never guessing', () => {
    for (const bad of ['', 'abc', '1.2.3', '12,34.5', '1e5', '0.1234567', '12.345', '--1']) {
      const unit = bad === '12.345' ? '元' : '万元';
      expect(() => parseAmount(bad, unit)).toThrow(MoneyParseError);
    }
  });
  it('its error names the input in Chinese', () => {
    expect(() => parseAmount('abc', '万元')).toThrow(/无法识别金额“abc”/);
  });
});

describe('rounding (四舍五入 on the exact value)', () => {
  it('rounds half away from zero', () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(4n, 3n)).toBe(1n);
    expect(divRound(-4n, 3n)).toBe(-1n);
  });
  it('rounds 元 to 万元 at the half-way point', () => {
    expect(formatWan(yuan('50.00'))).toBe('0.01');
    expect(formatWan(yuan('49.99'))).toBe('0.00');
    expect(formatWan(yuan('-50.00'))).toBe('-0.01');
    expect(formatWan(yuan('4146701.19'))).toBe('414.67');
    expect(formatWan(yuan('12378747.54'))).toBe('1237.87');
    expect(formatWan(yuan('16525448.73'))).toBe('1652.54');
  });
  it('keeps two decimals when printing', () => {
    expect(formatWan(wan('580'))).toBe('580.00');
    expect(formatWan(0n)).toBe('0.00');
    expect(formatYuan(yuan('167375'))).toBe('167375.00');
  });
  it('prints an exact decimal without losing digits', () => {
    expect(exactDecimal(yuan('4146701.19'), '万元')).toBe('414.670119');
    expect(exactDecimal(wan('580'), '万元')).toBe('580.00');
  });
  it('parse then print round-trips any 万元 amount with two decimals', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), (cents) => {
        const text = formatWan(cents * 10_000n);
        expect(wan(text)).toBe(cents * 10_000n);
      }),
    );
  });
});

describe('percentages and shares', () => {
  it('computes a share with two decimals', () => {
    expect(formatPercent(percentOf(wan('613.39'), wan('1193.39'))!)).toBe('51.40');
  });
  it('a percentage of a zero base is not a number', () => {
    expect(percentOf(1n, 0n)).toBeNull();
  });
  it('shares of the 昭化 一般公共预算 structure add to 100.00%', () => {
    const parts = ['555.67', '26.81', '10.04', '20.87', '580'].map(wan);
    const s = sharesOf(parts).map(formatPercent);
    expect(s).toEqual(['46.56', '2.25', '0.84', '1.75', '48.60']);
  });
  it('largest remainder fixes shares that plain rounding would make 100.01%', () => {
    // 614.67 and 1037.88 of 1652.55: rounding each gives 37.20 + 62.80 = 100.00 here,
    // but 1/3 each of a whole rounds to 33.33 × 3 = 99.99 — largest remainder gives 100.00.
    const thirds = sharesOf([1n, 1n, 1n]);
    expect(thirds.reduce((a, b) => a + b, 0n)).toBe(10_000n);
    expect(thirds.map(formatPercent)).toEqual(['33.34', '33.33', '33.33']);
  });
  it('any partition of a positive whole gets shares summing to exactly 100.00%', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 10n }), { minLength: 1, maxLength: 12 }), (parts) => {
        const total = parts.reduce((a, b) => a + b, 0n);
        fc.pre(total > 0n);
        const shares = sharesOf(parts);
        expect(shares.reduce((a, b) => a + b, 0n)).toBe(10_000n);
        // each share is within one hundredth of a percent of its exact value
        parts.forEach((p, i) => {
          const exact = Number(p * 1_000_000n / total) / 100; // hundredths, for the bound only
          expect(Math.abs(Number(shares[i]) - exact)).toBeLessThanOrEqual(1.0001);
        });
      }),
    );
  });
  it('an all-zero whole has zero shares', () => {
    expect(sharesOf([0n, 0n])).toEqual([0n, 0n]);
  });
});

describe('changes', () => {
  it('a negative base still gives the size of the change', () => {
    expect(changeOf(-100n, -200n)).toEqual({ direction: 'increase', amount: 100n, percent: 5_000n });
  });
});
