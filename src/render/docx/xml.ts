/**
 * The few XML pieces the WordprocessingML writer needs: escaping, the text a
 * Word run may hold, and the namespaces. The document is written as strings
 * directly (no object model): a report of 40 tables is ~400 KB of XML, and
 * building it through an object library took ten times as long as the
 * strings themselves (see bench/ and the issue 7 note).
 */

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const NS = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  relationships: 'http://schemas.openxmlformats.org/package/2006/relationships',
  contentTypes: 'http://schemas.openxmlformats.org/package/2006/content-types',
} as const;

/** Relationship types (officeDocument/2006/relationships/…). */
export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  coreProperties: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  extendedProperties: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  settings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings',
  header: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/header',
  footer: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer',
  chart: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart',
} as const;

const AMP = /&/g;
const LT = /</g;
const GT = />/g;
const QUOT = /"/g;
/** NEL and the Unicode line/paragraph separators: some XML readers (mammoth's) turn them into line ends unless written as references. */
const LINE_SEPARATORS = /[\u0085\u2028\u2029]/g;

/** Text content: & < > escaped, NEL/LS/PS as character references. */
export function escapeText(s: string): string {
  return s
    .replace(AMP, '&amp;')
    .replace(LT, '&lt;')
    .replace(GT, '&gt;')
    .replace(LINE_SEPARATORS, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
}

/** Attribute value (double-quoted): & < > " escaped. */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(QUOT, '&quot;');
}

/** Characters XML 1.0 cannot hold (C0 controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates). */
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text fit for a Word run: line ends normalised to "\n", tabs as spaces, characters XML cannot hold dropped. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(INVALID_XML, '');
}
