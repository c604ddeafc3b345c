/**
 * The package around the document: content types, relationships, settings,
 * document properties. docProps/core.xml takes its dates only from the tree
 * (`meta.date`), never from the clock, so the same tree gives the same bytes.
 */
import type { ReportTree } from '../../report/tree.js';
import type { FurniturePart } from './pageFurniture.js';
import { cleanText, escapeAttr, escapeText, NS, REL, XML_DECLARATION } from './xml.js';

const CT = {
  document: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  styles: 'application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml',
  settings: 'application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml',
  header: 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml',
  footer: 'application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  core: 'application/vnd.openxmlformats-package.core-properties+xml',
  app: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
} as const;

export function contentTypesXml(furniture: readonly FurniturePart[], charts: number): string {
  const override = (part: string, type: string) => `<Override PartName="/${part}" ContentType="${type}"/>`;
  return (
    XML_DECLARATION +
    `<Types xmlns="${NS.contentTypes}">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    override('word/document.xml', CT.document) +
    override('word/styles.xml', CT.styles) +
    override('word/settings.xml', CT.settings) +
    furniture.map((f) => override(`word/${f.name}`, CT[f.kind])).join('') +
    Array.from({ length: charts }, (_, i) => override(`word/charts/chart${i + 1}.xml`, CT.chart)).join('') +
    override('docProps/core.xml', CT.core) +
    override('docProps/app.xml', CT.app) +
    '</Types>'
  );
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
}

export function relationshipsXml(rels: readonly Relationship[]): string {
  return (
    XML_DECLARATION +
    `<Relationships xmlns="${NS.relationships}">` +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${escapeAttr(r.target)}"/>`).join('') +
    '</Relationships>'
  );
}

export const PACKAGE_RELS = relationshipsXml([
  { id: 'rId1', type: REL.officeDocument, target: 'word/document.xml' },
  { id: 'rId2', type: REL.coreProperties, target: 'docProps/core.xml' },
  { id: 'rId3', type: REL.extendedProperties, target: 'docProps/app.xml' },
]);

/** Odd and even footers differ (page numbers right and left), hence evenAndOddHeaders. */
export const SETTINGS_XML =
  XML_DECLARATION +
  `<w:settings xmlns:w="${NS.w}">` +
  '<w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="compressPunctuation"/>' +
  '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
  '</w:settings>';

export const APP_XML =
  XML_DECLARATION +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>juesuan</Application></Properties>';

/** docProps/core.xml with title and creator; created/modified only from `meta.date` (YYYY-MM-DD). */
export function coreXml(tree: ReportTree): string {
  const title = cleanText(tree.title.join(' ')).replace(/\n/g, ' ');
  const date = tree.meta.date && /^\d{4}-\d{2}-\d{2}$/.test(tree.meta.date) ? `${tree.meta.date}T00:00:00Z` : undefined;
  return (
    XML_DECLARATION +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    (title ? `<dc:title>${escapeText(title)}</dc:title>` : '') +
    '<dc:creator>juesuan</dc:creator>' +
    (date
      ? `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created>` +
        `<dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>`
      : '') +
    '</cp:coreProperties>'
  );
}
