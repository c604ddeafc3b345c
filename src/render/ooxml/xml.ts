/**
 * XML text for the OOXML writers (DOCX, XLSX): escaping and the characters
 * XML 1.0 cannot hold. Both write their parts as strings directly (no object
 * model): through the docx/exceljs libraries a report took 120 / 20 ms, the
 * strings take a few.
 */

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Namespaces of the package itself (shared by every OOXML format). */
export const PACKAGE_NS = {
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  relationships: 'http://schemas.openxmlformats.org/package/2006/relationships',
  contentTypes: 'http://schemas.openxmlformats.org/package/2006/content-types',
} as const;

const SPECIAL_TEXT = /[&<>\u0085\u2028\u2029]/;
const SPECIAL_ATTR = /[&<>"\t\n\r\u0085\u2028\u2029]/;
/** NEL and the Unicode line/paragraph separators: some XML readers (mammoth's) turn them into line ends unless written as references. */
const LINE_SEPARATORS = /[\u0085\u2028\u2029]/g;
const reference = (c: string) => `&#x${c.charCodeAt(0).toString(16)};`;

/** Text content: & < > escaped, NEL/LS/PS as character references. */
export function escapeText(s: string): string {
  if (!SPECIAL_TEXT.test(s)) return s;
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(LINE_SEPARATORS, reference);
}

/** Attribute value (double-quoted): also " escaped, and tab/newline as references so parsers do not turn them into spaces. */
export function escapeAttr(s: string): string {
  if (!SPECIAL_ATTR.test(s)) return s;
  return escapeText(s).replace(/"/g, '&quot;').replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Characters XML 1.0 cannot hold (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates). */
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Drops the characters XML 1.0 cannot hold (or puts `by` in their place). */
export function dropInvalidXml(s: string, by = ''): string {
  return s.replace(INVALID_XML, by);
}
