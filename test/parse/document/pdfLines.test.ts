import { describe, expect, it } from 'vitest';
import { itemsToLines, layoutPages, type PdfTextItem } from '../../../src/parse/document/readers/pdfLines.js';

/** An item of `str` at (x, y), 16 pt, CJK characters 1 em wide and others ½ em. */
function item(str: string, x: number, y: number, size = 16): PdfTextItem {
  const width = [...str].reduce((w, ch) => w + (/[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f]/.test(ch) ? size : size / 2), 0);
  return { str, x, y, width, size };
}

const texts = (items: PdfTextItem[]) => itemsToLines(items).map((l) => l.text);

describe('PDF items → lines', () => {
  it('groups items by baseline, top to bottom, and orders each line left to right', () => {
    expect(texts([item('第二行', 80, 680), item('尾', 128, 700.5), item('第一行', 80, 700)])).toEqual(['第一行尾', '第二行']);
  });

  it('inserts nothing between touching or slightly spread CJK glyphs', () => {
    expect(texts([item('收入', 80, 700), item('合计', 80 + 32 + 6, 700)])).toEqual(['收入合计']);
  });

  it('inserts a space at a real gap next to Latin letters or digits, and a tab at a column gap', () => {
    expect(texts([item('Hello', 80, 700), item('world', 80 + 40 + 5, 700)])).toEqual(['Hello world']);
    expect(texts([item('合计', 80, 700), item('1193.39', 80 + 32 + 14, 700), item('613.39', 80 + 32 + 14 + 56 + 20, 700)])).toEqual(['合计\t1193.39\t613.39']);
  });

  it('reads an item drawn twice at the same place (fake bold) once', () => {
    expect(texts([item('标题', 80, 700), item('标题', 80.4, 700)])).toEqual(['标题']);
  });

  it('ignores blank items', () => {
    expect(texts([item('  ', 80, 700), item('正文', 80, 680)])).toEqual(['正文']);
  });
});

describe('PDF lines → raw text and breaks', () => {
  const full = (text: string, y: number) => item(text, 80, y);
  // Text block 80…512 (27 CJK glyphs of 16 pt).
  const FULL = '一二三四五六七八九十一二三四五六七八九十一二三四五六七';

  it('marks a line that ran to the margin as a wrap, a short one and one before an indent as ends, and the last line of a page too', () => {
    const page = itemsToLines([
      full(FULL, 700),
      item('短行。', 80, 680),
      full(FULL, 660),
      item('缩进的新段落', 112, 640),
      full(FULL, 620),
    ]);
    const { raw, pageStarts, breaks } = layoutPages([page]);
    expect(raw).toBe(`${FULL}\n短行。\n${FULL}\n缩进的新段落\n${FULL}\n`);
    expect(pageStarts).toEqual([0]);
    const kinds = [...raw.matchAll(/\n/g)].map((m) => breaks.get(m.index));
    expect(kinds).toEqual(['wrap', 'end', 'end', 'end', 'end']);
  });

  it('continues an indented 目录 entry whose wrapped rest starts where the entry did', () => {
    const ENTRY = FULL.slice(2); // 2 em in, to the margin
    const page = itemsToLines([
      item('第四部分 附件', 80, 700),
      item(ENTRY, 112, 680),
      item('报告', 112, 660),
      item('附件2：项目报告', 112, 640),
      full(FULL, 620),
    ]);
    const { raw, breaks } = layoutPages([page]);
    expect(raw).toBe(`第四部分 附件\n${ENTRY}\n报告\n附件2：项目报告\n${FULL}\n`);
    const kinds = [...raw.matchAll(/\n/g)].map((m) => breaks.get(m.index));
    expect(kinds).toEqual(['end', 'wrap', 'end', 'end', 'end']);
  });

  it('ends an indented heading before an indented paragraph, on a page whose right edge is that heading', () => {
    const page = itemsToLines([item('可得100.00分）。', 80, 700), item('五、评价结论及建议', 112, 680), item('存在的问题：无。', 112, 660)]);
    const { raw, breaks } = layoutPages([page]);
    const kinds = [...raw.matchAll(/\n/g)].map((m) => breaks.get(m.index));
    expect(kinds).toEqual(['end', 'end', 'end']);
  });

  it('looks past a page-number line, so a paragraph continues on the next page', () => {
    const p1 = itemsToLines([full(FULL, 700), full(FULL, 680), item('— 5 —', 270, 60, 14)]);
    const p2 = itemsToLines([item('续完。', 80, 760), item('新段落', 112, 740)]);
    const { raw, pageStarts, breaks } = layoutPages([p1, p2]);
    expect(raw).toBe(`${FULL}\n${FULL}\n— 5 —\n续完。\n新段落\n`);
    expect(pageStarts).toEqual([0, raw.indexOf('续完')]);
    const kinds = [...raw.matchAll(/\n/g)].map((m) => breaks.get(m.index));
    expect(kinds).toEqual(['wrap', 'wrap', 'end', 'end', 'end']);
  });

  it('ends a paragraph at a larger vertical gap', () => {
    const { raw, breaks } = layoutPages([itemsToLines([full(FULL, 700), full(FULL, 640)])]);
    expect(breaks.get(raw.indexOf('\n'))).toBe('end');
  });

  it('gives an empty page a start but no text', () => {
    const { raw, pageStarts } = layoutPages([itemsToLines([item('甲。', 80, 700)]), [], itemsToLines([item('乙。', 80, 700)])]);
    expect(raw).toBe('甲。\n乙。\n');
    expect(pageStarts).toEqual([0, 3, 3]);
  });
});
