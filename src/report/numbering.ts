/**
 * Generated numbering (never typed by hand): 第一部分 → 一、 → （一） → 1. → （1）.
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`numbering supports 1–99, got ${n}`);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

export type NumberingLevel = 1 | 2 | 3 | 4 | 5;

/** The label for the n-th item (1-based) at a level. */
export function numberLabel(level: NumberingLevel, n: number): string {
  switch (level) {
    case 1:
      return `第${chineseNumeral(n)}部分`;
    case 2:
      return `${chineseNumeral(n)}、`;
    case 3:
      return `（${chineseNumeral(n)}）`;
    case 4:
      return `${n}.`;
    case 5:
      return `（${n}）`;
  }
}
