/**
 * XLSX renderer: every table of the report tree on its own sheet, laid out
 * like the printed 公开表 (tableSheet.ts), and — given the dataset — a last
 * sheet "数据" holding all of it as exact strings (dataSheet.ts), which
 * parse/xlsx reads back exactly.
 *
 * The SpreadsheetML is written directly as strings (xml.ts says why) with a
 * fixed style sheet and shared strings, and zipped by our own writer; the
 * output is deterministic for a given tree and dataset.
 */
import { datasetToEntries } from '../../model/save.js';
import type { Dataset } from '../../model/schema.js';
import type { ReportTree, TableBlock } from '../../report/tree.js';
import type { Renderer, RenderOptions } from '../renderer.js';
import { dataSheet, DATA_SHEET_NAME } from './dataSheet.js';
import { sheetName } from './layout.js';
import { SheetWriter } from './sheet.js';
import { XF } from './styles.js';
import { tableSheet } from './tableSheet.js';
import { packWorkbook, type Sheet } from './workbook.js';
import { dropInvalidXml } from './xml.js';

export { DATA_SHEET_HEADER, DATA_SHEET_NAME, DATA_SHEET_NOTE, ESCAPED_TEXT_LABEL } from './dataSheet.js';

export type XlsxOptions = RenderOptions;

/** The report's tables as a workbook; with `d`, plus the "数据" sheet for exact round trips. */
export async function renderXlsx(tree: ReportTree, d?: Dataset, options: XlsxOptions = {}): Promise<Uint8Array> {
  const draftMark = options.draftMark ?? tree.meta.draftMark;
  const taken = new Set<string>();
  if (d) taken.add(DATA_SHEET_NAME.toLowerCase());

  const sheets: Sheet[] = [];
  const tables = tree.blocks.filter((b): b is TableBlock => b.kind === 'table');
  tables.forEach((t, i) => {
    // Characters XML cannot hold become spaces, as sheetName does with the other controls.
    const name = sheetName(dropInvalidXml(t.number ? `${t.number} ${t.title}` : t.title, ' '), taken, `表${i + 1}`);
    sheets.push({ name, ...tableSheet(t, draftMark) });
  });
  if (d) sheets.push({ name: DATA_SHEET_NAME, ...dataSheet(datasetToEntries(d)), printTitles: { from: 2, to: 2 } });
  if (sheets.length === 0) {
    // Excel will not open a workbook without sheets.
    const sheet = new SheetWriter();
    sheet.set(1, 1, '本报告没有表格。', XF.normal);
    sheets.push({ name: '说明', sheet, options: {} });
  }
  return packWorkbook(sheets, tree.title.join(' '));
}

/** The renderer entry for the common interface (no dataset, so no "数据" sheet); the CLI calls `renderXlsx(tree, dataset)`. */
export const xlsxRenderer: Renderer = {
  format: 'xlsx',
  extension: 'xlsx',
  render: (tree, options) => renderXlsx(tree, undefined, options),
};
