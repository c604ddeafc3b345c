/**
 * Conversion debris that is not part of the report: Word field codes and
 * bookmark/image markers left by docx→text converters (the seeds are full of
 * "[bookmark: _Toc…]"), and page-number lines ("— 5 —", "第 5 页 共 30 页")
 * that land in the middle of a paragraph crossing a page. Matches never span
 * a line break, so every rule sees one line at a time.
 */
import { Edits, type Mapped } from './edit.js';

/** A field switch: \h, \* MERGEFORMAT, \o "1-3", \l "_Toc123". */
const SWITCH = String.raw`\\(?:\*[ \t]*[A-Za-z]+|[A-Za-z](?:[ \t]+"[^"\n]{0,500}")?)`;
/** Spaces between the text and a code that follows it (not a cell's leading tab). */
const LEAD = String.raw`(?:(?<=\S)[ \t]+)?(?<![A-Za-z])`;

const FIELD_CODES = new RegExp(
  [
    // Bounded lengths keep a long line of unclosed "[image:" linear.
    String.raw`\[(?:bookmark|image):[^\]\n]{0,500}\]`,
    // The page number after "\h" is the TOC's page column.
    String.raw`${LEAD}PAGEREF[ \t]+[A-Za-z_][\w]*(?:[ \t]+${SWITCH})*(?:[ \t]+\d{1,4}(?![\w.]))?`,
    String.raw`${LEAD}TOC(?:[ \t]+${SWITCH})+`,
    String.raw`${LEAD}HYPERLINK(?:[ \t]+(?:${SWITCH}|"[^"\n]{0,2000}"))+`,
    String.raw`${LEAD}(?:PAGE|NUMPAGES|SECTIONPAGES)(?:[ \t]+${SWITCH})+`,
  ].join('|'),
  'g',
);

/** A literal every match of FIELD_CODES contains ("PAGE" is in NUMPAGES, SECTIONPAGES and PAGEREF). */
const FIELD_MARKERS = ['[bookmark:', '[image:', 'PAGE', 'TOC', 'HYPERLINK'] as const;

export function removeFieldCodes(m: Mapped): Edits {
  const edits = new Edits(m.text.length);
  // The pattern's lookbehinds make it slow to scan a whole report; most texts hold none of its markers.
  if (!FIELD_MARKERS.some((k) => m.text.includes(k))) return edits;
  for (const hit of m.text.matchAll(FIELD_CODES)) edits.drop(hit.index, hit.index + hit[0].length);
  return edits;
}

const DASH = '[-—–―‒－]{1,2}';
// Wide spaces too: the PDF reader tests raw lines with this pattern.
const S = String.raw`[ \t\u00a0\u3000]*`;
const N = String.raw`${S}\d{1,4}${S}`;
export const PAGE_NUMBER_LINE = new RegExp(String.raw`^${S}(?:${DASH}${N}${DASH}|第${N}页(?:${S}[,，/]?${S}共${N}页)?|共${N}页${S}[,，]?${S}第${N}页)${S}$`);

/** Drops each page-number line together with one line break next to it. */
export function removePageNumberLines(m: Mapped): Edits {
  const { text } = m;
  const edits = new Edits(text.length);
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start <= 40 && PAGE_NUMBER_LINE.test(text.slice(start, end))) {
      if (end < text.length) edits.drop(start, end + 1);
      else edits.drop(start > 0 ? start - 1 : start, end);
    }
    start = end + 1;
  }
  return edits;
}
