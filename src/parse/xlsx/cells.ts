/**
 * Reading single cells strictly: text for labels, exact amounts for numbers
 * (a float from the file becomes the decimal it was typed as; text that is
 * not a number is an error naming the sheet and cell, never a 0).
 */
import type ExcelJS from 'exceljs';
import { maxDecimals, parseAmount, type Amount, type MoneyUnit } from '../../money/index.js';
import { cellError } from './errors.js';

/** exceljs ValueType values (a `declare enum` in its typings). */
export const VT = { Null: 0, Merge: 1, Number: 2, String: 3, Date: 4, Hyperlink: 5, Formula: 6, SharedString: 7, RichText: 8, Boolean: 9, Error: 10 } as const;

export function colLetter(c: number): string {
  let s = '';
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function colNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

export const addr = (r: number, c: number) => `${colLetter(c)}${r}`;

export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The merged ranges of a sheet (read once per sheet). */
export function mergesOf(ws: ExcelJS.Worksheet): MergeRange[] {
  const merges = (ws as unknown as { _merges?: Record<string, { model?: MergeRange }> })._merges ?? {};
  return Object.values(merges).flatMap((m) => (m?.model ? [m.model] : []));
}

export function mergeAt(merges: readonly MergeRange[], r: number, c: number): MergeRange | undefined {
  return merges.find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
}

export const rangeText = (m: MergeRange) => `${addr(m.top, m.left)}:${addr(m.bottom, m.right)}`;

type Scalar = string | number | boolean | Date | null;

interface Resolved {
  value: Scalar;
  /** The cell holds a formula whose result was not saved. */
  noResult?: boolean;
  /** An Excel error value such as #REF!. */
  error?: string;
}

/** The value a cell shows: merge slaves show their master's, formulas their result, rich text its text. */
function resolve(v: ExcelJS.CellValue): Resolved {
  if (v === null || v === undefined) return { value: null };
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return { value: v };
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return { value: v.richText.map((t) => t.text ?? '').join('') };
    if ('error' in v) return { value: null, error: String(v.error) };
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: unknown }).result;
      if (result === undefined || result === null) return { value: null, noResult: true };
      if (typeof result === 'object' && result !== null && 'error' in result) return { value: null, error: String((result as { error: unknown }).error) };
      return resolve(result as ExcelJS.CellValue);
    }
    if ('text' in v) return resolve((v as { text: ExcelJS.CellValue }).text);
  }
  return { value: String(v) };
}

export function findCell(ws: ExcelJS.Worksheet, r: number, c: number): ExcelJS.Cell | undefined {
  return ws.findCell(r, c);
}

/** Trimmed text of a cell as shown ("" when empty); numbers as their shortest decimal. */
export function cellText(ws: ExcelJS.Worksheet, r: number, c: number): string {
  const cell = findCell(ws, r, c);
  if (!cell) return '';
  const { value } = resolve(cell.value);
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** Whether the cell itself (not a merged master elsewhere) holds something. */
export function hasOwnValue(ws: ExcelJS.Worksheet, r: number, c: number): boolean {
  const cell = findCell(ws, r, c);
  if (!cell || cell.type === VT.Merge) return false;
  const v = cell.value;
  return !(v === null || v === undefined || (typeof v === 'string' && v.trim() === ''));
}

/** Label text normalised for matching: no spaces, no list numbering ("一、" "（一）" "1."), no "其中：". */
export function normLabel(s: string): string {
  let t = s.replace(/[\s\u3000]+/g, '');
  for (let i = 0; i < 2; i++) {
    t = t
      .replace(/^其中[:：]?/, '')
      .replace(/^(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、．.](?!\d))/, '');
  }
  return t.replace(/[:：]$/, '');
}

const FULL_WIDTH = /[０-９．，－]/g;
const half = (s: string) => s.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));

/** Shortens text quoted in a message. */
export const quote = (s: string) => (s.length > 30 ? `${s.slice(0, 30)}…` : s);

/**
 * A decimal string for a number read from the file: the shortest form, or —
 * when a formula left binary noise (1193.3899999999999) — rounded to 分 if
 * the difference is noise. Undefined when it has more precision than 分.
 */
export function numberToDecimal(n: number, maxDec: number): string | undefined {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e15) return undefined;
  let s = String(n);
  if (/e/i.test(s)) s = n.toFixed(Math.min(20, maxDec + 4));
  const frac = s.split('.')[1] ?? '';
  if (frac.length <= maxDec) return s;
  const r = n.toFixed(maxDec);
  return Math.abs(Number(r) - n) <= Math.max(1, Math.abs(n)) * 1e-12 ? r : undefined;
}

/** Pads or keeps decimals: 元 always 2 (the software states 分), 万元 at least 2. */
function withDecimals(s: string, unit: MoneyUnit): string {
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const [whole = '0', frac = ''] = body.split('.');
  const want = unit === '元' ? 2 : Math.max(2, frac.length);
  const f = (frac + '0'.repeat(want)).slice(0, want);
  const out = `${whole.replace(/^0+(?=\d)/, '')}.${f}`;
  return neg && /[1-9]/.test(out) ? `-${out}` : out;
}

/**
 * An amount cell: undefined when empty; otherwise the exact amount in `unit`.
 * Errors (naming sheet and cell): text that is not a number, a formula without
 * a saved result, an error value, a date or yes/no, more precision than 分,
 * and a merged cell (its value could belong to more than one column).
 */
export function readAmount(ws: ExcelJS.Worksheet, merges: readonly MergeRange[], r: number, c: number, unit: MoneyUnit): Amount | undefined {
  const a = addr(r, c);
  const cell = findCell(ws, r, c);
  const m = mergeAt(merges, r, c);
  if (m) {
    const hasValue = cellText(ws, m.top, m.left) !== '';
    if (hasValue) throw cellError(ws.name, a, `是合并单元格（${rangeText(m)}）的一部分，无法确定金额属于哪一行、哪一列；请取消合并，让每个金额单独占一个单元格。`);
    return undefined;
  }
  if (!cell) return undefined;
  const res = resolve(cell.value);
  if (res.noResult) throw cellError(ws.name, a, '是公式，但文件中没有保存计算结果；请在 Excel 中打开、重新计算并保存后再导入。');
  if (res.error) throw cellError(ws.name, a, `是错误值 ${res.error}，应为数字。`);
  const v = res.value;
  if (v === null) return undefined;
  const max = maxDecimals(unit);
  let dec: string | undefined;
  if (typeof v === 'number') {
    dec = numberToDecimal(v, max);
    if (dec === undefined) throw cellError(ws.name, a, `数值 ${v} 超出可识别的范围或精度（${unit}最多${max}位小数）。`);
  } else if (typeof v === 'string') {
    const t = half(v.trim()).replace(/\s+/g, '');
    if (t === '') return undefined;
    let plain = t;
    if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) plain = t.replace(/,/g, '');
    if (!/^-?\d+(\.\d+)?$/.test(plain)) throw cellError(ws.name, a, `应为数字，实际为“${quote(v.trim())}”`);
    if ((plain.split('.')[1] ?? '').length > max) throw cellError(ws.name, a, `“${quote(v.trim())}”的小数位数超过${unit}的精度（最多${max}位，精确到分）。`);
    dec = plain;
  } else if (v instanceof Date) {
    throw cellError(ws.name, a, `应为数字，实际为日期（${v.toISOString().slice(0, 10)}）`);
  } else {
    throw cellError(ws.name, a, `应为数字，实际为“${v ? 'TRUE' : 'FALSE'}”`);
  }
  return parseAmount(withDecimals(dec, unit), unit);
}

export const isZero = (a: Amount | undefined) => a === undefined || a.fen === 0n;

/** A classification code in a cell: digits (a number cell, or text starting with the code), else undefined. */
export function codeIn(ws: ExcelJS.Worksheet, r: number, c: number, pad = 0): string | undefined {
  const cell = findCell(ws, r, c);
  if (!cell) return undefined;
  const v = resolve(cell.value).value;
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) return undefined;
    return String(v).padStart(pad, '0');
  }
  if (typeof v !== 'string') return undefined;
  const m = /^\s*(\d+)(?!\d)(?:\s*[^\d\s].*)?$/s.exec(half(v));
  return m ? m[1] : undefined;
}
