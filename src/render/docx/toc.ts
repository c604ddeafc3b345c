/**
 * The 目录 as a real Word TOC field (TOC \o "1-2" \h \z \u) whose result is
 * written already filled: one paragraph per heading of levels 1–2, each a
 * hyperlink to a bookmark on its heading, a dot leader and a PAGEREF field
 * for the page number. Word shows the result as written until the field is
 * updated; LibreOffice lays out the PAGEREF fields itself. The page numbers
 * written into the result are estimates (estimate.ts): the true ones exist
 * only once a word processor has laid the document out.
 */
import type { Block, HeadingBlock } from '../../report/tree.js';
import { TAB_RUN, textRun } from './inline.js';
import { paragraph } from './props.js';
import { STYLE, TOC_STYLE } from './styles.js';
import { escapeAttr } from './xml.js';

/** Heading levels the 目录 lists: parts and 一、 sections (as in the HTML and PDF). */
export const TOC_MAX_LEVEL = 2;

/** A heading the 目录 lists: its block index, level, printed text and bookmark. */
export interface TocEntry {
  index: number;
  level: 1 | 2;
  text: string;
  /** Bookmark name on the heading ("_Toc…": Word hides such bookmarks from its list). */
  bookmark: string;
  /** Bookmark id (unique in the document). */
  bookmarkId: number;
}

/** The printed text of a heading: numbering, a space after a numbering that ends in a character (第一部分 部门概况), text. */
export function headingText(h: HeadingBlock): string {
  const gap = h.numbering !== '' && h.text !== '' && /[\p{L}\p{N}]$/u.test(h.numbering) ? ' ' : '';
  return `${h.numbering}${gap}${h.text}`;
}

/** The headings the 目录 lists, in order, each with its bookmark. */
export function tocEntries(blocks: readonly Block[]): TocEntry[] {
  const out: TocEntry[] = [];
  blocks.forEach((b, index) => {
    if (b.kind !== 'heading' || b.level > TOC_MAX_LEVEL) return;
    const n = out.length + 1;
    out.push({ index, level: b.level as 1 | 2, text: headingText(b), bookmark: `_Toc${String(n).padStart(6, '0')}`, bookmarkId: n });
  });
  return out;
}

const fldChar = (type: 'begin' | 'separate' | 'end') => `<w:r><w:fldChar w:fldCharType="${type}"/></w:r>`;
const instr = (code: string) => `<w:r><w:instrText xml:space="preserve"> ${code} </w:instrText></w:r>`;

/** The TOC field's instruction: outline levels 1–2 and heading styles, entries as hyperlinks, no page numbers hidden in web view. */
export const TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u';

/**
 * The 目录: its title and the filled TOC field, '' when no heading is listed.
 * `pages` gives each entry's page number as written into the result (by bookmark).
 */
export function renderToc(entries: readonly TocEntry[], pages: ReadonlyMap<string, number>): string {
  if (entries.length === 0) return '';
  let x = paragraph({ style: STYLE.tocTitle }, textRun('目录'));
  entries.forEach((e, i) => {
    const page = String(pages.get(e.bookmark) ?? '');
    const link =
      `<w:hyperlink w:anchor="${escapeAttr(e.bookmark)}" w:history="1">` +
      textRun(e.text) +
      TAB_RUN +
      fldChar('begin') +
      instr(`PAGEREF ${e.bookmark} \\h`) +
      fldChar('separate') +
      textRun(page) +
      fldChar('end') +
      '</w:hyperlink>';
    const begin = i === 0 ? fldChar('begin') + instr(TOC_INSTRUCTION) + fldChar('separate') : '';
    x += paragraph({ style: TOC_STYLE[e.level] }, begin + link);
  });
  // The field ends in a paragraph of its own, as Word writes it.
  x += paragraph({ style: TOC_STYLE[1] }, fldChar('end'));
  return x;
}

/** A heading's bookmark around its runs. */
export function bookmarked(entry: TocEntry | undefined, runs: string): string {
  if (!entry) return runs;
  return `<w:bookmarkStart w:id="${entry.bookmarkId}" w:name="${escapeAttr(entry.bookmark)}"/>${runs}<w:bookmarkEnd w:id="${entry.bookmarkId}"/>`;
}
