/** Sheet names within Excel's 31 characters never end inside a bracket pair (issue “Publishable reports”, item 9). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SHEET_NAME, sheetName, shorten } from '../../src/render/xlsx/layout.js';

const PAIRS: Record<string, string> = { '（': '）', '(': ')', '【': '】', '〔': '〕', '《': '》', '“': '”', '「': '」' };
const CLOSE = new Map(Object.entries(PAIRS).map(([o, c]) => [c, o]));

/** Every bracket closes, in order. */
function balanced(s: string): boolean {
  const stack: string[] = [];
  for (const ch of s) {
    if (PAIRS[ch]) stack.push(ch);
    else if (CLOSE.has(ch)) {
      if (stack.pop() !== CLOSE.get(ch)) return false;
    }
  }
  return stack.length === 0;
}

describe('sheet names keep brackets whole', () => {
  it('a long 自评表 title drops its bracketed year instead of cutting into it', () => {
    const taken = new Set<string>();
    const title = '“清廉米易 平安米易”进万家宣传册项目支出绩效自评表（2021年度）';
    expect(title.length).toBeGreaterThan(MAX_SHEET_NAME);
    expect(sheetName(title, taken)).toBe('“清廉米易 平安米易”进万家宣传册项目支出绩效自评表');
    // The same title again: unique, still whole brackets.
    expect(sheetName(title, taken)).toBe('“清廉米易 平安米易”进万家宣传册项目支出绩效自评表(2)');
  });
  it('a cut that would open a bracket is made before it', () => {
    expect(shorten('一般公共预算财政拨款基本支出决算明细表（按经济分类科目的款级列示，单位：万元）', 31)).toBe('一般公共预算财政拨款基本支出决算明细表');
    expect(shorten('收入支出决算总表说明（一）收入支出决算总表（二）收入决算表和支出决算表', 23)).toBe('收入支出决算总表说明（一）收入支出决算总表');
    expect(shorten('（'.concat('很长的括号内容'.repeat(6), '）'), 31)).toBe('很长的括号内容'.repeat(6).slice(0, 31));
  });
  it('names that fit are kept as they are', () => {
    expect(shorten('表1 收入支出决算总表', 31)).toBe('表1 收入支出决算总表');
    expect(sheetName('中共米易县委政法委员会部门整体支出绩效自评表（2021年度）', new Set())).toBe('中共米易县委政法委员会部门整体支出绩效自评表（2021年度）');
  });
  it('any titles (property): ≤ 31 characters, brackets balanced when the title’s were, unique, never empty', () => {
    const piece = fc.constantFrom('（', '）', '“', '”', '《', '》', '表', '决算', '2021年度', ' ', '项目支出绩效自评表', '财政拨款', 'A', '1');
    const title = fc.array(piece, { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.array(title, { minLength: 1, maxLength: 12 }), (titles) => {
        const taken = new Set<string>();
        const names = titles.map((t) => sheetName(t, taken, '表'));
        for (const [i, n] of names.entries()) {
          expect(n.length).toBeGreaterThan(0);
          expect(n.length).toBeLessThanOrEqual(MAX_SHEET_NAME);
          if (balanced(titles[i]!)) expect(balanced(n), `${titles[i]} → ${n}`).toBe(true);
        }
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
      }),
      { numRuns: 500 },
    );
  });
});
