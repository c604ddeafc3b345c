/**
 * XLSX renderer: every table of the report tree on its own sheet, laid out
 * like the printed 公开表 (title row, 编制单位 / 金额单位 row, merged header
 * rows, bordered body, note), frozen below the header and set up to print on
 * A4 fitted to the page width with the header repeated. Amount cells are
 * numbers (format 0.00) taken from the figure's exact value.
 *
 * Given the dataset, a last sheet "数据" holds all of it as key / exact
 * string / type rows (see model/save.ts `datasetToEntries`), which
 * parse/xlsx reads back exactly.
 */
import ExcelJS from 'exceljs';
import { datasetToEntries, ENTRY_TYPE_LABELS, jsonQuote, type FlatEntry } from '../../model/save.js';
import type { Dataset } from '../../model/schema.js';
import { inlineText, type FigureRun, type Inline, type ReportTree, type TableBlock, type TableCell } from '../../report/tree.js';
import type { Renderer, RenderOptions } from '../renderer.js';
import { placeBand, sheetName, textWidth, type PlacedCell } from './layout.js';

export const DATA_SHEET_NAME = '数据';
export const DATA_SHEET_NOTE =
  '本工作表由 juesuan 生成，保存全部数据的精确值，供程序读回（juesuan import）。请勿手工修改；如需修改数据，请修改数据文件（YAML）后重新导出。';
export const DATA_SHEET_HEADER = ['键', '值', '类型'] as const;
/** Type label of a text value written as a JSON string literal (it held characters a spreadsheet cannot keep). */
export const ESCAPED_TEXT_LABEL = '文本（JSON转义）';
/** Longest string an Excel cell holds. */
const MAX_CELL_TEXT = 32767;

const FONT = '宋体';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const MONEY_UNITS = new Set(['万元', '元']);

export type XlsxOptions = RenderOptions;

/** The report's tables as a workbook; with `d`, plus the "数据" sheet for exact round trips. */
export async function renderXlsx(tree: ReportTree, d?: Dataset, options: XlsxOptions = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'juesuan';
  wb.title = tree.title.join(' ');
  // Fixed dates keep the workbook properties stable between runs.
  wb.created = new Date(Date.UTC(2000, 0, 1));
  wb.modified = wb.created;
  const draftMark = options.draftMark ?? tree.meta.draftMark;
  const taken = new Set<string>();
  if (d) taken.add(DATA_SHEET_NAME.toLowerCase());

  const tables = tree.blocks.filter((b): b is TableBlock => b.kind === 'table');
  tables.forEach((t, i) => {
    const name = sheetName(t.number ? `${t.number} ${t.title}` : t.title, taken, `表${i + 1}`);
    writeTable(wb.addWorksheet(name), t, draftMark);
  });
  if (d) writeDataSheet(wb.addWorksheet(DATA_SHEET_NAME), datasetToEntries(d));
  if (wb.worksheets.length === 0) {
    // Excel will not open a workbook without sheets.
    const ws = wb.addWorksheet('说明');
    ws.getCell('A1').value = '本报告没有表格。';
  }
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/** What a table cell holds in the sheet: a number (with its format) or text. */
function cellValue(cell: TableCell): { value: number | string; numFmt?: string } {
  const runs = cell.content.filter((r) => !(typeof r === 'string' && r.trim() === ''));
  const only = runs.length === 1 ? runs[0] : undefined;
  if (only && typeof only !== 'string' && only.kind === 'figure') {
    const n = figureNumber(only);
    if (n !== undefined) return { value: n, numFmt: numFormat(only) };
  }
  return { value: inlineText(cell.content) };
}

function figureNumber(f: FigureRun): number | undefined {
  if (!/^-?\d+(\.\d+)?$/.test(f.value.trim())) return undefined;
  const n = Number(f.value);
  return Number.isFinite(n) ? n : undefined;
}

function numFormat(f: FigureRun): string {
  if (MONEY_UNITS.has(f.unit)) return '0.00';
  const decimals = /\.(\d+)$/.exec(f.text)?.[1]?.length ?? 0;
  return decimals === 0 ? '0' : `0.${'0'.repeat(decimals)}`;
}

function noteText(note: Inline[] | undefined): string {
  return note ? inlineText(note) : '';
}

function writeTable(ws: ExcelJS.Worksheet, t: TableBlock, draftMark: string | undefined): void {
  const header = placeBand(t.header);
  const body = placeBand(t.body);
  const width = Math.max(1, header.width, body.width);
  const merges: [number, number, number, number][] = [];
  const colWidths = new Array<number>(width).fill(8);

  // Row 1: title. Row 2: 编制单位 left, 金额单位 (and 公开XX表) right.
  const title = ws.getCell(1, 1);
  title.value = t.title;
  title.font = { name: FONT, size: 16, bold: true };
  title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.getRow(1).height = 30;
  if (width > 1) merges.push([1, 1, 1, width]);

  const unitText = `编制单位：${t.unitName}`;
  const moneyText = `${t.number ? `${t.number}　` : ''}金额单位：${t.moneyUnit}`;
  if (width === 1) {
    const c = ws.getCell(2, 1);
    c.value = `${unitText}　${moneyText}`;
    c.font = { name: FONT, size: 10 };
  } else {
    const split = Math.max(1, Math.ceil(width / 2));
    const left = ws.getCell(2, 1);
    left.value = unitText;
    left.font = { name: FONT, size: 10 };
    left.alignment = { horizontal: 'left', vertical: 'middle' };
    const right = ws.getCell(2, split + 1);
    right.value = moneyText;
    right.font = { name: FONT, size: 10 };
    right.alignment = { horizontal: 'right', vertical: 'middle' };
    if (split > 1) merges.push([2, 1, 2, split]);
    if (width - split > 1) merges.push([2, split + 1, 2, width]);
  }

  const headerTop = 3;
  const bodyTop = headerTop + header.height;
  const place = (p: PlacedCell, top: number, isHeader: boolean) => {
    const r = top + p.row;
    const c = p.col + 1;
    // Borders on every grid cell of the span (merging keeps the master's style on the rest).
    for (let dr = 0; dr < p.rowSpan; dr++) for (let dc = 0; dc < p.colSpan; dc++) ws.getCell(r + dr, c + dc).border = BORDER;
    const cell = ws.getCell(r, c);
    const v = isHeader ? { value: inlineText(p.cell.content) } : cellValue(p.cell);
    cell.value = v.value;
    if (v.numFmt) cell.numFmt = v.numFmt;
    cell.font = { name: FONT, size: 10, bold: isHeader };
    const horizontal = p.cell.align ?? (isHeader ? 'center' : typeof v.value === 'number' ? 'right' : 'left');
    cell.alignment = { horizontal, vertical: 'middle', wrapText: true };
    if (p.rowSpan > 1 || p.colSpan > 1) merges.push([r, c, r + p.rowSpan - 1, c + p.colSpan - 1]);
    const text = typeof v.value === 'number' ? String(v.value) : v.value;
    const perCol = Math.min(40, textWidth(text) / p.colSpan + 2);
    for (let dc = 0; dc < p.colSpan; dc++) colWidths[p.col + dc] = Math.max(colWidths[p.col + dc] ?? 8, perCol);
  };
  // Empty grid positions still get borders, so the printed table has no holes.
  for (let r = 0; r < header.height + body.height; r++) for (let c = 1; c <= width; c++) ws.getCell(headerTop + r, c).border = BORDER;
  header.cells.forEach((p) => place(p, headerTop, true));
  body.cells.forEach((p) => place(p, bodyTop, false));

  const lastRow = bodyTop + body.height - 1;
  const note = noteText(t.note);
  if (note) {
    const r = lastRow + 1;
    const c = ws.getCell(r, 1);
    c.value = note;
    c.font = { name: FONT, size: 10 };
    c.alignment = { horizontal: 'left', vertical: 'top', wrapText: true };
    ws.getRow(r).height = Math.min(409, 15 * Math.max(1, Math.ceil(textWidth(note) / Math.max(20, colWidths.reduce((a, b) => a + b, 0)))));
    if (width > 1) merges.push([r, 1, r, width]);
  }

  // Values and styles are all in place: now merge (exceljs unmerges when values are assigned inside a merge).
  for (const [r1, c1, r2, c2] of merges) ws.mergeCells(r1, c1, r2, c2);

  colWidths.forEach((w, i) => (ws.getColumn(i + 1).width = Math.round(w * 10) / 10));
  const headerEnd = bodyTop - 1;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerEnd, topLeftCell: `A${headerEnd + 1}`, activeCell: 'A1' }];
  ws.pageSetup = {
    paperSize: 9,
    orientation: t.orientation === 'landscape' ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    ...(header.height > 0 ? { printTitlesRow: `${headerTop}:${headerEnd}` } : {}),
  };
  ws.headerFooter = {
    ...(draftMark ? { oddHeader: `&C&"${FONT},Bold"${draftMark}` } : {}),
    oddFooter: '&C第 &P 页，共 &N 页',
  };
}

/** Text a spreadsheet cannot keep as is: controls (C0 except tab/newline, CR, C1), U+FFFE/U+FFFF, `_xHHHH_` escapes, lone surrogates. */
const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\r\u007F-\u009F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_|[\uD800-\uDFFF]/u;

function writeDataSheet(ws: ExcelJS.Worksheet, entries: readonly FlatEntry[]): void {
  const note = ws.getCell(1, 1);
  note.value = DATA_SHEET_NOTE;
  note.font = { name: FONT, size: 11, bold: true, color: { argb: 'FFC00000' } };
  note.alignment = { wrapText: true, vertical: 'middle' };
  note.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  ws.getRow(1).height = 36;
  DATA_SHEET_HEADER.forEach((h, i) => {
    const c = ws.getCell(2, i + 1);
    c.value = h;
    c.font = { name: FONT, size: 11, bold: true };
    c.border = BORDER;
  });
  entries.forEach((e, i) => {
    const r = i + 3;
    const escaped = e.type === 'text' && UNSAFE_TEXT.test(e.value);
    const value = escaped ? jsonQuote(e.value) : e.value;
    if (value.length > MAX_CELL_TEXT || e.key.length > MAX_CELL_TEXT) {
      throw new RangeError(`数据项“${e.key.slice(0, 60)}”超过 Excel 单元格上限（${MAX_CELL_TEXT} 个字符），无法写入工作表“${DATA_SHEET_NAME}”`);
    }
    const row = [e.key, value, escaped ? ESCAPED_TEXT_LABEL : ENTRY_TYPE_LABELS[e.type]];
    row.forEach((v, j) => {
      const c = ws.getCell(r, j + 1);
      // Always a string cell, even for "580.00": the reader takes the exact text.
      c.value = v;
      c.numFmt = '@';
      c.font = { name: FONT, size: 10 };
      c.alignment = { vertical: 'top', wrapText: j === 1 };
    });
  });
  ws.mergeCells(1, 1, 1, 3);
  ws.getColumn(1).width = 40;
  ws.getColumn(2).width = 80;
  ws.getColumn(3).width = 16;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 2, topLeftCell: 'A3', activeCell: 'A3' }];
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '2:2' };
}

/** The renderer entry for the common interface (no dataset, so no "数据" sheet); the CLI calls `renderXlsx(tree, dataset)`. */
export const xlsxRenderer: Renderer = {
  format: 'xlsx',
  extension: 'xlsx',
  render: (tree, options) => renderXlsx(tree, undefined, options),
};
