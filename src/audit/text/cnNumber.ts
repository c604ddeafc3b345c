/** Small Chinese numerals as reports write counts and headings: 两, 十一, 二十三. */
const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 1–99 in Chinese numerals, or undefined. */
export function cnNumber(s: string): number | undefined {
  if (s.length === 0 || s.length > 3) return undefined;
  if (s.length === 1) return s === '十' ? 10 : DIGIT[s];
  const ten = s.indexOf('十');
  if (ten < 0) return undefined;
  const hi = ten === 0 ? 1 : DIGIT[s.slice(0, ten)];
  const rest = s.slice(ten + 1);
  const lo = rest === '' ? 0 : DIGIT[rest];
  if (hi === undefined || lo === undefined || (ten > 1)) return undefined;
  return hi * 10 + lo;
}

export const CN_NUM_CLASS = '[零〇一二两三四五六七八九十]{1,3}';
