import { describe, it, expect } from 'vitest';
import { chineseNumeral, numberLabel } from './numbering.js';

describe('generated numbering', () => {
  it('writes Chinese numerals as reports do', () => {
    expect([1, 9, 10, 11, 13, 20, 21, 99].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '十三', '二十', '二十一', '九十九']);
  });
  it('labels each level of the hierarchy', () => {
    expect([1, 2, 3, 4, 5].map((l) => numberLabel(l as 1, 2))).toEqual(['第二部分', '二、', '（二）', '2.', '（2）']);
  });
  it('refuses numbers it cannot write', () => {
    expect(() => chineseNumeral(0)).toThrow(RangeError);
    expect(() => chineseNumeral(100)).toThrow(RangeError);
  });
});
