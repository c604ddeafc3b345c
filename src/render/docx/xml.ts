/**
 * The XML pieces the WordprocessingML writer needs beyond the shared ones
 * (../ooxml/xml.ts): namespaces, relationship types, and the text a Word
 * run may hold.
 */
import { dropInvalidXml, PACKAGE_NS } from '../ooxml/xml.js';

export { escapeAttr, escapeText, XML_DECLARATION } from '../ooxml/xml.js';

export const NS = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  r: PACKAGE_NS.r,
  wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
} as const;

/** Relationship types of the document part (officeDocument/2006/relationships/…). */
export const REL = {
  settings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings',
  header: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/header',
  footer: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer',
  chart: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart',
  /** A chart's embedded workbook. */
  package: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/package',
} as const;

/** Text fit for a Word run: line ends normalised to "\n", tabs as spaces, characters XML cannot hold dropped. */
export function cleanText(text: string): string {
  return dropInvalidXml(text.replace(/\r\n?/g, '\n').replace(/\t/g, ' '));
}
