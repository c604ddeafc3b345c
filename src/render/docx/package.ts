/**
 * The package around the document: content types, relationships, settings,
 * document properties (../ooxml/package.ts writes the shared parts).
 * docProps/core.xml takes its dates only from the tree (`meta.date`), never
 * from the clock, so the same tree gives the same bytes.
 */
import { contentTypesXml as packageContentTypes, coreXml as packageCoreXml, packageRelsXml } from '../ooxml/package.js';
import type { ReportTree } from '../../report/tree.js';
import type { FurniturePart } from './pageFurniture.js';
import { NS, XML_DECLARATION } from './xml.js';

export { APP_XML, relationshipsXml, type Relationship } from '../ooxml/package.js';

const CT = {
  document: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  styles: 'application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml',
  settings: 'application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml',
  header: 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml',
  footer: 'application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
} as const;

export function contentTypesXml(furniture: readonly FurniturePart[], charts: number): string {
  const defaults = charts > 0 ? [['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] as const] : [];
  return packageContentTypes([
    ['word/document.xml', CT.document],
    ['word/styles.xml', CT.styles],
    ['word/settings.xml', CT.settings],
    ...furniture.map((f) => [`word/${f.name}`, CT[f.kind]] as const),
    ...Array.from({ length: charts }, (_, i) => [`word/charts/chart${i + 1}.xml`, CT.chart] as const),
  ], defaults);
}

export const PACKAGE_RELS = packageRelsXml('word/document.xml');

/** Odd and even footers differ (page numbers right and left), hence evenAndOddHeaders. */
export const SETTINGS_XML =
  XML_DECLARATION +
  `<w:settings xmlns:w="${NS.w}">` +
  '<w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="compressPunctuation"/>' +
  '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
  '</w:settings>';

/** docProps/core.xml with title and creator; created/modified only from `meta.date` (YYYY-MM-DD). */
export function coreXml(tree: ReportTree): string {
  const date = tree.meta.date && /^\d{4}-\d{2}-\d{2}$/.test(tree.meta.date) ? `${tree.meta.date}T00:00:00Z` : undefined;
  return packageCoreXml(tree.title.join(' '), date);
}
