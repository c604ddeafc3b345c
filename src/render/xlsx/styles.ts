/**
 * xl/styles.xml: one fixed style sheet for every workbook, built once at
 * module load. Every cell the renderer writes points at one of these cell
 * formats (xf) by index, so nothing is de-duplicated per report.
 */
import { escapeAttr, NS, XML_DECLARATION } from './xml.js';

export type HAlign = 'left' | 'center' | 'right';

export const FONT = '宋体';
/** 宋体 at a size; charset 134 (GB2312) helps Excel find it on systems whose font list names it differently. */
const songti = (size: number, bold = false, color?: string) =>
  `<font>${bold ? '<b/>' : ''}<sz val="${size}"/>${color ? `<color rgb="${color}"/>` : ''}<name val="${FONT}"/><family val="3"/><charset val="134"/></font>`;

/** Font 0 is the Normal style's (Calibri 11, Excel's default): it sets the unit of the column widths. */
const FONTS = [
  '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
  songti(16, true), // 1 title
  songti(10), // 2 text
  songti(10, true), // 3 table header
  songti(11, true, 'FFC00000'), // 4 note of the "数据" sheet
  songti(11, true), // 5 header of the "数据" sheet
];

/** Fills 0 and 1 are the two every workbook must start with. */
const FILLS = [
  '<fill><patternFill patternType="none"/></fill>',
  '<fill><patternFill patternType="gray125"/></fill>',
  '<fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/></patternFill></fill>', // 2 light yellow
];

const thin = (side: string) => `<${side} style="thin"><color rgb="FF000000"/></${side}>`;
const BORDERS = [
  '<border><left/><right/><top/><bottom/><diagonal/></border>',
  `<border>${thin('left')}${thin('right')}${thin('top')}${thin('bottom')}<diagonal/></border>`, // 1 thin black
];

/** Most decimals a number format gets: a double holds no more significant digits than Excel shows (15). */
const MAX_DECIMALS = 15;
const TEXT_FORMAT = 49; // "@"
const CUSTOM_FORMATS: { id: number; code: string }[] = [];
/** numFmtId of "0", "0.0", "0.00" … by number of decimals; 1 and 2 are built in. */
const DECIMAL_FORMATS: number[] = [];
let nextFormatId = 164; // the first id of a custom format
for (let d = 0; d <= MAX_DECIMALS; d++) {
  const builtIn = d === 0 ? 1 : d === 2 ? 2 : undefined;
  if (builtIn !== undefined) DECIMAL_FORMATS.push(builtIn);
  else {
    CUSTOM_FORMATS.push({ id: nextFormatId, code: `0.${'0'.repeat(d)}` });
    DECIMAL_FORMATS.push(nextFormatId++);
  }
}

interface Xf {
  numFmt?: number;
  font: number;
  fill?: number;
  border?: number;
  horizontal?: HAlign;
  vertical?: 'center' | 'top';
  wrap?: boolean;
}

const XFS: Xf[] = [];
function xf(x: Xf): number {
  XFS.push(x);
  return XFS.length - 1;
}

/** Cell formats by role. */
export const XF = {
  normal: xf({ font: 0 }),
  title: xf({ font: 1, horizontal: 'center', vertical: 'center', wrap: true }),
  unitLeft: xf({ font: 2, horizontal: 'left', vertical: 'center' }),
  unitRight: xf({ font: 2, horizontal: 'right', vertical: 'center' }),
  /** The 编制单位 / 金额单位 row of a one-column table. */
  unitOnly: xf({ font: 2 }),
  /** A grid position no table cell covers: bordered, so the printed table has no holes. */
  gridEmpty: xf({ font: 0, border: 1 }),
  note: xf({ font: 2, horizontal: 'left', vertical: 'top', wrap: true }),
  dataNote: xf({ font: 4, fill: 2, vertical: 'center', wrap: true }),
  dataHeader: xf({ font: 5, border: 1 }),
  /** "数据" sheet cells: text format "@", so Excel keeps "580.00" as typed when edited. */
  dataText: xf({ numFmt: TEXT_FORMAT, font: 2, vertical: 'top' }),
  dataTextWrapped: xf({ numFmt: TEXT_FORMAT, font: 2, vertical: 'top', wrap: true }),
} as const;

const ALIGNS: readonly HAlign[] = ['left', 'center', 'right'];
const HEADER_BASE = XFS.length;
for (const horizontal of ALIGNS) xf({ font: 3, border: 1, horizontal, vertical: 'center', wrap: true });
/** Body cells: text (General), then each decimal format, each in the three alignments. */
const BODY_BASE = XFS.length;
for (const numFmt of [0, ...DECIMAL_FORMATS]) {
  for (const horizontal of ALIGNS) xf({ numFmt, font: 2, border: 1, horizontal, vertical: 'center', wrap: true });
}

/** A table header cell: bold, bordered, wrapped, vertically centred. */
export function headerXf(align: HAlign): number {
  return HEADER_BASE + ALIGNS.indexOf(align);
}

/** A table body cell: text (`decimals` undefined) or a number shown with `decimals` decimals (at most MAX_DECIMALS). */
export function bodyXf(decimals: number | undefined, align: HAlign): number {
  const format = decimals === undefined ? 0 : 1 + Math.min(Math.max(0, decimals), MAX_DECIMALS);
  return BODY_BASE + format * ALIGNS.length + ALIGNS.indexOf(align);
}

function xfXml(x: Xf): string {
  const attrs =
    `numFmtId="${x.numFmt ?? 0}" fontId="${x.font}" fillId="${x.fill ?? 0}" borderId="${x.border ?? 0}" xfId="0"` +
    (x.numFmt ? ' applyNumberFormat="1"' : '') +
    (x.font ? ' applyFont="1"' : '') +
    (x.fill ? ' applyFill="1"' : '') +
    (x.border ? ' applyBorder="1"' : '');
  if (!x.horizontal && !x.vertical && !x.wrap) return `<xf ${attrs}/>`;
  const align =
    (x.horizontal ? ` horizontal="${x.horizontal}"` : '') + (x.vertical ? ` vertical="${x.vertical}"` : '') + (x.wrap ? ' wrapText="1"' : '');
  return `<xf ${attrs} applyAlignment="1"><alignment${align}/></xf>`;
}

const list = (tag: string, items: readonly string[]) => `<${tag} count="${items.length}">${items.join('')}</${tag}>`;

export const STYLES_XML =
  XML_DECLARATION +
  `<styleSheet xmlns="${NS.main}">` +
  list('numFmts', CUSTOM_FORMATS.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${escapeAttr(f.code)}"/>`)) +
  list('fonts', FONTS) +
  list('fills', FILLS) +
  list('borders', BORDERS) +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  list('cellXfs', XFS.map(xfXml)) +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '<dxfs count="0"/><tableStyles count="0"/>' +
  '</styleSheet>';
