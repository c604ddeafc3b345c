/**
 * Headers and footers: GB/T 9704 page numbers "— 1 —" in 4号 宋体, odd pages
 * right-aligned and even pages left-aligned, each indented one character;
 * and the draft mark, in red, in the header of every page when set. Each is
 * one part, referenced by the first section; later sections inherit them.
 */
import { textRun } from './inline.js';
import { paragraph } from './props.js';
import { STYLE } from './styles.js';
import { ptTwips, SIZE } from './units.js';
import { NS, XML_DECLARATION } from './xml.js';

const ONE_CHAR = ptTwips(SIZE.si);
const HINT = '<w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>';

/** A part of page furniture: its file name in word/ and its XML. */
export interface FurniturePart {
  kind: 'header' | 'footer';
  /** Which pages: default (odd pages, with even-and-odd headers on) or even. */
  type: 'default' | 'even';
  name: string;
  xml: string;
}

const wrap = (tag: 'w:hdr' | 'w:ftr', body: string) => `${XML_DECLARATION}<${tag} xmlns:w="${NS.w}" xmlns:r="${NS.r}">${body}</${tag}>`;

function pageNumberFooter(side: 'odd' | 'even'): string {
  const field =
    `<w:r>${HINT}<w:t xml:space="preserve">— </w:t></w:r>` +
    `<w:r>${HINT}<w:fldChar w:fldCharType="begin"/></w:r>` +
    `<w:r>${HINT}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
    `<w:r>${HINT}<w:fldChar w:fldCharType="separate"/></w:r>` +
    `<w:r>${HINT}<w:t>1</w:t></w:r>` +
    `<w:r>${HINT}<w:fldChar w:fldCharType="end"/></w:r>` +
    `<w:r>${HINT}<w:t xml:space="preserve"> —</w:t></w:r>`;
  const p = paragraph(
    { style: STYLE.footer, indent: side === 'odd' ? { right: ONE_CHAR } : { left: ONE_CHAR }, align: side === 'odd' ? 'right' : 'left' },
    field,
  );
  return wrap('w:ftr', p);
}

function draftHeader(mark: string): string {
  return wrap('w:hdr', paragraph({ style: STYLE.header, align: 'center' }, textRun(mark, { bold: true, color: 'FF0000' })));
}

const FOOTERS: readonly FurniturePart[] = [
  { kind: 'footer', type: 'default', name: 'footer1.xml', xml: pageNumberFooter('odd') },
  { kind: 'footer', type: 'even', name: 'footer2.xml', xml: pageNumberFooter('even') },
];

/** The header and footer parts; odd/even footers need <w:evenAndOddHeaders/> in the settings. */
export function pageFurniture(draftMark: string | undefined): FurniturePart[] {
  if (!draftMark) return [...FOOTERS];
  const header = draftHeader(draftMark);
  return [
    ...FOOTERS,
    { kind: 'header', type: 'default', name: 'header1.xml', xml: header },
    { kind: 'header', type: 'even', name: 'header2.xml', xml: header },
  ];
}
