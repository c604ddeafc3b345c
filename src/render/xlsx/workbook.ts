/**
 * The package around the sheets: content types, relationships, workbook.xml
 * (sheet list and print titles) and the document properties. The dates are
 * fixed (2000-01-01), never the clock, so the same tree gives the same bytes.
 */
import { dropInvalidXml, escapeAttr, escapeText, NS, XML_DECLARATION } from './xml.js';

export interface SheetEntry {
  name: string;
  /** Rows repeated at the top of every printed page (1-based, inclusive). */
  printTitles?: { from: number; to: number };
}

const CT = {
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  sharedStrings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  core: 'application/vnd.openxmlformats-package.core-properties+xml',
  app: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
} as const;

const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  coreProperties: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  extendedProperties: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
} as const;

/** The part name of the i-th sheet (0-based). */
export const sheetPart = (i: number) => `xl/worksheets/sheet${i + 1}.xml`;

export function contentTypesXml(sheets: number): string {
  const override = (part: string, type: string) => `<Override PartName="/${part}" ContentType="${type}"/>`;
  let sheetOverrides = '';
  for (let i = 0; i < sheets; i++) sheetOverrides += override(sheetPart(i), CT.worksheet);
  return (
    XML_DECLARATION +
    `<Types xmlns="${NS.contentTypes}">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    override('xl/workbook.xml', CT.workbook) +
    sheetOverrides +
    override('xl/styles.xml', CT.styles) +
    override('xl/sharedStrings.xml', CT.sharedStrings) +
    override('docProps/core.xml', CT.core) +
    override('docProps/app.xml', CT.app) +
    '</Types>'
  );
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function relationshipsXml(rels: readonly Relationship[]): string {
  return (
    XML_DECLARATION +
    `<Relationships xmlns="${NS.relationships}">` +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join('') +
    '</Relationships>'
  );
}

export const PACKAGE_RELS = relationshipsXml([
  { id: 'rId1', type: REL.officeDocument, target: 'xl/workbook.xml' },
  { id: 'rId2', type: REL.coreProperties, target: 'docProps/core.xml' },
  { id: 'rId3', type: REL.extendedProperties, target: 'docProps/app.xml' },
]);

/** Styles rId1, shared strings rId2, then sheet i as rId(i + 3). */
export function workbookRelsXml(sheets: number): string {
  const rels: Relationship[] = [
    { id: 'rId1', type: REL.styles, target: 'styles.xml' },
    { id: 'rId2', type: REL.sharedStrings, target: 'sharedStrings.xml' },
  ];
  for (let i = 0; i < sheets; i++) rels.push({ id: `rId${i + 3}`, type: REL.worksheet, target: sheetPart(i).slice('xl/'.length) });
  return relationshipsXml(rels);
}

/** A sheet name in a formula: quoted, with its apostrophes doubled. */
const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

export function workbookXml(sheets: readonly SheetEntry[]): string {
  const list = sheets.map((s, i) => `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 3}"/>`).join('');
  // Print titles are the defined name _xlnm.Print_Titles, local to their sheet.
  const names = sheets
    .map((s, i) =>
      s.printTitles
        ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeText(`${quoteSheet(s.name)}!$${s.printTitles.from}:$${s.printTitles.to}`)}</definedName>`
        : '',
    )
    .join('');
  return (
    XML_DECLARATION +
    `<workbook xmlns="${NS.main}" xmlns:r="${NS.r}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${list}</sheets>` +
    (names ? `<definedNames>${names}</definedNames>` : '') +
    '</workbook>'
  );
}

export const APP_XML =
  XML_DECLARATION +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>juesuan</Application></Properties>';

const FIXED_DATE = '2000-01-01T00:00:00Z';

/** docProps/core.xml: creator juesuan, the report title, fixed dates. */
export function coreXml(title: string): string {
  return (
    XML_DECLARATION +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    '<dc:creator>juesuan</dc:creator>' +
    `<dc:title>${escapeText(dropInvalidXml(title))}</dc:title>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${FIXED_DATE}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${FIXED_DATE}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}
