/**
 * Reads the "数据" sheet written by render/xlsx: key | exact string | type
 * rows, rebuilt into the authoring form and validated by the dataset schema.
 */
import type ExcelJS from 'exceljs';
import { DatasetError, parseDataset, type Dataset } from '../../model/index.js';
import { ENTRY_TYPE_LABELS, EntryPathError, entriesToRaw, type EntryType, type FlatEntry } from '../../model/save.js';
import { DATA_SHEET_HEADER, ESCAPED_TEXT_LABEL } from '../../render/xlsx/index.js';
import { addr, findCell, VT } from './cells.js';
import { cellError, sheetError, XlsxImportError } from './errors.js';

const TYPE_BY_LABEL = new Map<string, EntryType>(Object.entries(ENTRY_TYPE_LABELS).map(([k, v]) => [v, k as EntryType]));

/** A cell that must hold text (or nothing); anything else means the sheet was edited. */
function textCell(ws: ExcelJS.Worksheet, r: number, c: number): string | undefined {
  const cell = findCell(ws, r, c);
  if (!cell || cell.value === null || cell.value === undefined) return undefined;
  if (cell.type === VT.String || cell.type === VT.SharedString) return cell.value as string;
  if (cell.type === VT.RichText) return (cell.value as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join('');
  const kind = cell.type === VT.Number ? '数字' : cell.type === VT.Formula ? '公式' : cell.type === VT.Date ? '日期' : '非文本';
  throw cellError(ws.name, addr(r, c), `应为文本，实际为${kind}（此工作表由程序生成，不应手工修改）。`);
}

export function readDataSheet(ws: ExcelJS.Worksheet, file: string): Dataset {
  const header = DATA_SHEET_HEADER.map((_, i) => textCell(ws, 2, i + 1)?.trim() ?? '');
  if (header.join('|') !== DATA_SHEET_HEADER.join('|')) {
    throw sheetError(ws.name, `不是 juesuan 导出的数据表（第2行应为“${DATA_SHEET_HEADER.join('”“')}”）。`);
  }
  const entries: FlatEntry[] = [];
  const rowOf = new Map<string, number>();
  ws.eachRow({ includeEmpty: false }, (_row, r) => {
    if (r <= 2) return;
    const key = textCell(ws, r, 1);
    const value = textCell(ws, r, 2) ?? '';
    const typeLabel = textCell(ws, r, 3)?.trim();
    if (key === undefined && value === '' && typeLabel === undefined) return;
    if (key === undefined || key.trim() === '') throw cellError(ws.name, addr(r, 1), '缺少键。');
    if (typeLabel === ESCAPED_TEXT_LABEL) {
      let s: unknown;
      try {
        s = JSON.parse(value);
      } catch {
        s = undefined;
      }
      if (typeof s !== 'string') throw cellError(ws.name, addr(r, 2), '不是有效的转义文本（JSON 字符串）。');
      entries.push({ key, value: s, type: 'text' });
    } else {
      const type = typeLabel === undefined ? undefined : TYPE_BY_LABEL.get(typeLabel);
      if (!type) throw cellError(ws.name, addr(r, 3), `类型“${typeLabel ?? ''}”无法识别（应为${[...TYPE_BY_LABEL.keys(), ESCAPED_TEXT_LABEL].join('、')}之一）。`);
      entries.push({ key, value, type });
    }
    rowOf.set(key, r);
  });
  let raw;
  try {
    raw = entriesToRaw(entries);
  } catch (e) {
    if (e instanceof EntryPathError) {
      const r = rowOf.get(e.key);
      throw r ? cellError(ws.name, addr(r, 1), e.message) : sheetError(ws.name, e.message);
    }
    throw e;
  }
  try {
    return parseDataset(JSON.stringify(raw), `${file}.json`);
  } catch (e) {
    if (e instanceof DatasetError) {
      const lines = e.issues.map((i) => `  - ${i.path || '（整体）'}：${i.message}`);
      throw new XlsxImportError(`工作表“${ws.name}”中的数据有 ${e.issues.length} 处错误：\n${lines.join('\n')}`, { sheet: ws.name });
    }
    throw e;
  }
}
