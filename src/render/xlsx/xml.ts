/**
 * The XML pieces the SpreadsheetML writer needs beyond the shared ones
 * (../ooxml/xml.ts): the namespaces, the text a cell may hold, cell
 * references.
 */
import { dropInvalidXml, PACKAGE_NS } from '../ooxml/xml.js';

export { dropInvalidXml, escapeAttr, escapeText, XML_DECLARATION } from '../ooxml/xml.js';

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  r: PACKAGE_NS.r,
} as const;

/**
 * Spreadsheet readers decode `_xHHHH_` in cell text as the character U+HHHH
 * (Excel, LibreOffice, exceljs). A literal one is kept by escaping its "_" as
 * `_x005F_`, which they decode back to "_".
 */
const OOXML_ESCAPE = /_(?=x[0-9A-Fa-f]{4}_)/g;

/**
 * The string a cell (or shared string) stores for `s`: characters XML cannot
 * hold dropped, CR LF / CR as LF (what any XML parser would read anyway),
 * literal `_xHHHH_` protected. Not yet XML-escaped.
 */
export function cellString(s: string): string {
  let out = s;
  if (out.includes('\r')) out = out.replace(/\r\n?/g, '\n');
  out = dropInvalidXml(out);
  if (out.includes('_x')) out = out.replace(OOXML_ESCAPE, '_x005F_');
  return out;
}

const LETTERS: string[] = [];

/** Column letters of a 1-based column number: 1 → "A", 27 → "AA". */
export function colLetters(col: number): string {
  const cached = LETTERS[col];
  if (cached !== undefined) return cached;
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  LETTERS[col] = s;
  return s;
}

/** A1-style reference of a 1-based row and column. */
export function cellRef(row: number, col: number): string {
  return colLetters(col) + row;
}
