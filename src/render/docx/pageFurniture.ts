/**
 * Headers and footers: GB/T 9704 page numbers "— 1 —" in 4号 宋体, odd pages
 * right-aligned and even pages left-aligned, each indented one character;
 * and the draft mark, in red, in the header of every page when set.
 */
import { AlignmentType, Footer, Header, PageNumber, Paragraph, TextRun } from 'docx';
import { textRun } from './inline.js';
import { STYLE } from './styles.js';
import { ptTwips, SIZE } from './units.js';

const ONE_CHAR = ptTwips(SIZE.si);

function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.footer,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: ONE_CHAR } : { left: ONE_CHAR },
        children: [new TextRun({ font: { hint: 'eastAsia' }, children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
}

function draftHeader(mark: string): Header {
  return new Header({
    children: [
      new Paragraph({
        style: STYLE.header,
        alignment: AlignmentType.CENTER,
        children: [textRun(mark, { color: 'FF0000', bold: true })],
      }),
    ],
  });
}

/** Headers and footers for the section; odd/even footers need `evenAndOddHeaderAndFooters` on the document. */
export function pageFurniture(draftMark: string | undefined) {
  const header = draftMark ? draftHeader(draftMark) : undefined;
  return {
    footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
    ...(header ? { headers: { default: header, even: draftHeader(draftMark!) } } : {}),
  };
}
