/**
 * The "数据" sheet: the whole dataset as key / exact string / type rows (see
 * model/save.ts `datasetToEntries`), which parse/xlsx reads back exactly.
 * Every value is a text cell, even "580.00": the reader takes the exact text.
 */
import { ENTRY_TYPE_LABELS, jsonQuote, type FlatEntry } from '../../model/save.js';
import { SheetWriter, type SheetOptions } from './sheet.js';
import { XF } from './styles.js';

/** The dataset holds something Excel cannot (a text over a cell's limit): the input's to fix, exit code 2. */
export class XlsxLimitError extends Error {
  readonly exitCode = 2;
  override name = 'XlsxLimitError';
}

export const DATA_SHEET_NAME = '数据';
export const DATA_SHEET_NOTE =
  '本工作表由 juesuan 生成，保存全部数据的精确值，供程序读回（juesuan import）。请勿手工修改；如需修改数据，请修改数据文件（YAML）后重新导出。';
export const DATA_SHEET_HEADER = ['键', '值', '类型'] as const;
/** Type label of a text value written as a JSON string literal (it held characters a spreadsheet cannot keep). */
export const ESCAPED_TEXT_LABEL = '文本（JSON转义）';
/** Longest string an Excel cell holds. */
const MAX_CELL_TEXT = 32767;

/** Text a spreadsheet cannot keep as is: controls (C0 except tab/newline, CR, C1), U+FFFE/U+FFFF, `_xHHHH_` escapes, lone surrogates. */
const UNSAFE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\r\u007F-\u009F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_|[\uD800-\uDFFF]/u;

export function dataSheet(entries: readonly FlatEntry[]): { sheet: SheetWriter; options: SheetOptions } {
  const ws = new SheetWriter();
  ws.set(1, 1, DATA_SHEET_NOTE, XF.dataNote);
  ws.height(1, 36);
  DATA_SHEET_HEADER.forEach((h, i) => ws.set(2, i + 1, h, XF.dataHeader));
  entries.forEach((e, i) => {
    const r = i + 3;
    const escaped = e.type === 'text' && UNSAFE_TEXT.test(e.value);
    const value = escaped ? jsonQuote(e.value) : e.value;
    if (value.length > MAX_CELL_TEXT || e.key.length > MAX_CELL_TEXT) {
      throw new XlsxLimitError(`数据项“${e.key.slice(0, 60)}”超过 Excel 单元格上限（${MAX_CELL_TEXT} 个字符），无法写入工作表“${DATA_SHEET_NAME}”；请缩短这段文字，或不生成 xlsx`);
    }
    ws.set(r, 1, e.key, XF.dataText);
    ws.set(r, 2, value, XF.dataTextWrapped);
    ws.set(r, 3, escaped ? ESCAPED_TEXT_LABEL : ENTRY_TYPE_LABELS[e.type], XF.dataText);
  });
  ws.merge(1, 1, 1, 3);
  return {
    sheet: ws,
    options: {
      freeze: { rows: 2, activeCell: 'A3' },
      widths: [40, 80, 16],
      print: { orientation: 'landscape' },
    },
  };
}
