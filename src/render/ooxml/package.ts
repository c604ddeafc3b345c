/**
 * The parts every OOXML package has: [Content_Types].xml, relationships,
 * docProps/core.xml and app.xml. Dates come from the caller, never the
 * clock, so the same input gives the same bytes.
 */
import { dropInvalidXml, escapeAttr, escapeText, PACKAGE_NS, XML_DECLARATION } from './xml.js';

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  coreProperties: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  extendedProperties: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
} as const;

export interface Relationship {
  id: string;
  type: string;
  target: string;
}

export function relationshipsXml(rels: readonly Relationship[]): string {
  return (
    XML_DECLARATION +
    `<Relationships xmlns="${PACKAGE_NS.relationships}">` +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeAttr(r.target)}"/>`).join('') +
    '</Relationships>'
  );
}

/** _rels/.rels: the main part and the two property parts. */
export function packageRelsXml(mainPart: string): string {
  return relationshipsXml([
    { id: 'rId1', type: REL.officeDocument, target: mainPart },
    { id: 'rId2', type: REL.coreProperties, target: 'docProps/core.xml' },
    { id: 'rId3', type: REL.extendedProperties, target: 'docProps/app.xml' },
  ]);
}

/**
 * [Content_Types].xml: the defaults (rels, xml and the given extensions), the
 * given parts (path without the leading "/", content type), the property parts.
 */
export function contentTypesXml(parts: readonly (readonly [string, string])[], defaults: readonly (readonly [string, string])[] = []): string {
  const override = (part: string, type: string) => `<Override PartName="/${part}" ContentType="${type}"/>`;
  return (
    XML_DECLARATION +
    `<Types xmlns="${PACKAGE_NS.contentTypes}">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    defaults.map(([ext, type]) => `<Default Extension="${ext}" ContentType="${type}"/>`).join('') +
    parts.map(([part, type]) => override(part, type)).join('') +
    override('docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
    override('docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml') +
    '</Types>'
  );
}

export const APP_XML =
  XML_DECLARATION +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>juesuan</Application></Properties>';

/** docProps/core.xml: the title (when there is one), creator juesuan, created/modified only when a date (W3CDTF) is given. */
export function coreXml(title: string, date?: string): string {
  const clean = dropInvalidXml(title).replace(/\s*\n\s*/g, ' ');
  return (
    XML_DECLARATION +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (clean ? `<dc:title>${escapeText(clean)}</dc:title>` : '') +
    '<dc:creator>juesuan</dc:creator>' +
    (date
      ? `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>`
      : '') +
    '</cp:coreProperties>'
  );
}
