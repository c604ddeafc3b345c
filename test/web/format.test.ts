// The browser app's money display: exact 万元 strings from the API as 元 to the 分.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wanToYuan } from '../../web/src/format.js';

describe('wanToYuan', () => {
  it('shows an exact 万元 figure as 元 to the 分, with thousands separators', () => {
    expect(wanToYuan('396.68205')).toBe('3,966,820.50');
    expect(wanToYuan('0')).toBe('0.00');
    expect(wanToYuan('-12.5')).toBe('-125,000.00');
    expect(wanToYuan('0.000001')).toBe('0.01');
  });
  it('is exact for every amount of 分 (round trip through the digits)', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (fen) => {
      const s = fen.toString().padStart(7, '0');
      const wan = `${s.slice(0, -6)}.${s.slice(-6)}`;
      expect(wanToYuan(wan).replace(/,/g, '')).toBe(`${(fen / 100n).toString()}.${(fen % 100n).toString().padStart(2, '0')}`);
    }));
  });
  it('leaves what is not a plain decimal as it is', () => expect(wanToYuan('—')).toBe('—'));
});
