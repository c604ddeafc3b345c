/**
 * The package around the sheets: content types, relationships, workbook.xml
 * (sheet list and print titles) and the document properties. The dates are
 * fixed (2000-01-01), never the clock, so the same tree gives the same bytes.
 */
import { APP_XML, contentTypesXml as packageContentTypes, coreXml as packageCoreXml, packageRelsXml, REL as PACKAGE_REL, relationshipsXml, type Relationship } from '../ooxml/package.js';
import { zip, type ZipEntry } from '../ooxml/zip.js';
import { SharedStrings } from './sharedStrings.js';
import type { SheetOptions, SheetWriter } from './sheet.js';
import { STYLES_XML } from './styles.js';
import { escapeAttr, escapeText, NS, XML_DECLARATION } from './xml.js';


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
} as const;

const REL = {
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
} as const;

/** The part name of the i-th sheet (0-based). */
export const sheetPart = (i: number) => `xl/worksheets/sheet${i + 1}.xml`;

export function contentTypesXml(sheets: number): string {
  return packageContentTypes([
    ['xl/workbook.xml', CT.workbook],
    ...Array.from({ length: sheets }, (_, i) => [sheetPart(i), CT.worksheet] as const),
    ['xl/styles.xml', CT.styles],
    ['xl/sharedStrings.xml', CT.sharedStrings],
  ]);
}

export const PACKAGE_RELS = packageRelsXml('xl/workbook.xml');

/** Styles rId1, shared strings rId2, then sheet i as rId(i + 3). */
export function workbookRelsXml(sheets: number): string {
  const rels: Relationship[] = [
    { id: 'rId1', type: PACKAGE_REL.styles, target: 'styles.xml' },
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

const FIXED_DATE = '2000-01-01T00:00:00Z';

/** docProps/core.xml: creator juesuan, the report title, fixed dates. */
export function coreXml(title: string): string {
  return packageCoreXml(title, FIXED_DATE);
}

export interface Sheet extends SheetEntry {
  sheet: SheetWriter;
  options: SheetOptions;
}

/** Sheets into a workbook package (the first sheet is the selected tab). */
export function packWorkbook(sheets: readonly Sheet[], title: string): Uint8Array {
  // Sheets first: their texts fill the shared strings in workbook order.
  const strings = new SharedStrings();
  const parts: ZipEntry[] = sheets.map((s, i) => ({ name: sheetPart(i), data: s.sheet.xml(strings, i === 0 ? { ...s.options, tabSelected: true } : s.options) }));
  return zip([
    { name: '[Content_Types].xml', data: contentTypesXml(sheets.length) },
    { name: '_rels/.rels', data: PACKAGE_RELS },
    { name: 'docProps/core.xml', data: coreXml(title) },
    { name: 'docProps/app.xml', data: APP_XML },
    { name: 'xl/workbook.xml', data: workbookXml(sheets) },
    { name: 'xl/_rels/workbook.xml.rels', data: workbookRelsXml(sheets.length) },
    { name: 'xl/styles.xml', data: STYLES_XML },
    { name: 'xl/sharedStrings.xml', data: strings.xml() },
    ...parts,
  ]);
}
