/**
 * The data behind a chart as a one-sheet workbook, embedded in the DOCX so
 * that Word's "Edit Data" opens the figures the chart shows: "Sheet1", the
 * categories in column A from row 2, one series per column from B (its name
 * in row 1), the values as numbers with two decimals — the cells the chart
 * part's formulas name (docx/chartPart.ts).
 */
import { textWidth } from './layout.js';
import { SheetWriter } from './sheet.js';
import { bodyXf, headerXf } from './styles.js';
import { packWorkbook } from './workbook.js';

export interface ChartDataTable {
  categories: readonly string[];
  series: readonly { name: string; values: readonly string[] }[];
}

export function chartDataWorkbook(table: ChartDataTable, title: string): Uint8Array {
  const sheet = new SheetWriter();
  sheet.style(1, 1, headerXf('center'));
  table.series.forEach((s, j) => sheet.set(1, j + 2, s.name, headerXf('center')));
  table.categories.forEach((c, i) => {
    sheet.set(i + 2, 1, c, bodyXf(undefined, 'left'));
    // Values are printed decimals ("1193.39"); number cells, so Word redraws the chart from them.
    table.series.forEach((s, j) => sheet.set(i + 2, j + 2, Number(s.values[i]), bodyXf(2, 'right')));
  });
  const widths = [Math.min(40, Math.max(10, ...table.categories.map((c) => textWidth(c) + 2))), ...table.series.map((s) => Math.min(30, Math.max(12, textWidth(s.name) + 2)))];
  return packWorkbook([{ name: 'Sheet1', sheet, options: { widths } }], title);
}
