/**
 * Table geometry for the xlsx renderer: places header/body cells with their
 * colSpan/rowSpan on a grid (the HTML table algorithm), and makes sheet names
 * Excel accepts.
 */
import type { TableCell } from '../../report/tree.js';

export interface PlacedCell {
  /** 0-based row within its band (header or body). */
  row: number;
  /** 0-based column. */
  col: number;
  rowSpan: number;
  colSpan: number;
  cell: TableCell;
}

export interface Band {
  cells: PlacedCell[];
  /** Number of grid rows (at least the number of rows given). */
  height: number;
  /** Number of grid columns used. */
  width: number;
}

/** Places rows of cells on a grid: each cell takes the first free column of its row; spans never leave the band. */
export function placeBand(rows: readonly (readonly TableCell[])[]): Band {
  const taken = new Set<string>();
  const cells: PlacedCell[] = [];
  const height = rows.length;
  let width = 0;
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken.has(`${r},${c}`)) c++;
      const rowSpan = Math.max(1, Math.min(Math.floor(cell.rowSpan ?? 1), height - r));
      const colSpan = Math.max(1, Math.floor(cell.colSpan ?? 1));
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) taken.add(`${r + dr},${c + dc}`);
      cells.push({ row: r, col: c, rowSpan, colSpan, cell });
      c += colSpan;
      width = Math.max(width, c);
    }
  });
  // Columns reached only by a row span from above still count.
  for (const k of taken) width = Math.max(width, Number(k.split(',')[1]) + 1);
  return { cells, height, width };
}

/** Characters Excel forbids in sheet names. */
const FORBIDDEN = /[[\]:*?/\\]/g;
export const MAX_SHEET_NAME = 31;

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = s.slice(0, max);
  if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  return out;
}

/** Bracket pairs a title may hold ([] cannot appear in a sheet name). */
const PAIRS: Record<string, string> = { '（': '）', '(': ')', '【': '】', '〔': '〕', '《': '》', '〈': '〉', '“': '”', '‘': '’', '「': '」', '『': '』', '{': '}' };
const CLOSERS = new Map(Object.entries(PAIRS).map(([o, c]) => [c, o]));

/** Where the last balanced bracketed group that ends `s` starts, or -1. */
function trailingGroupStart(s: string): number {
  const close = s[s.length - 1]!;
  const open = CLOSERS.get(close);
  if (open === undefined) return -1;
  let depth = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    if (s[i] === close && open !== close) depth++;
    else if (s[i] === open) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** `s` cut before its first bracket left open, so every pair it keeps is whole. */
function closeCut(s: string): string {
  const stack: { ch: string; at: number }[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (PAIRS[ch] !== undefined) stack.push({ ch, at: i });
    else if (CLOSERS.has(ch) && stack.length > 0 && stack[stack.length - 1]!.ch === CLOSERS.get(ch)) stack.pop();
  }
  return stack.length > 0 ? s.slice(0, stack[0]!.at) : s;
}

/**
 * `s` in at most `max` characters without cutting inside a bracket pair: first the bracketed
 * parts at the end are dropped (“…自评表（2021年度）” → “…自评表”), then the rest is cut and,
 * if that leaves a bracket open, cut again before it. Brackets are left out only when nothing
 * before them would remain.
 */
export function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  let rest = s;
  for (let at = trailingGroupStart(rest); rest.length > max && at > 0; at = trailingGroupStart(rest)) rest = rest.slice(0, at).trimEnd();
  if (rest.length <= max && rest !== '') return rest;
  const balanced = closeCut(cut(rest, max)).trim();
  if (balanced !== '') return balanced;
  // The text opens with a bracket that does not close within `max`: its brackets are dropped instead.
  const bare = rest.replace(/[（）()【】〔〕《》〈〉“”‘’「」『』{}]/g, '').trim();
  return cut(bare === '' ? rest : bare, max).trim();
}

/**
 * A sheet name Excel accepts: ≤ 31 characters (shortened without cutting inside brackets),
 * none of []:*?/\, not starting or ending with an apostrophe, not "History", unique
 * (case-insensitively) among `taken`, which it joins.
 */
export function sheetName(wanted: string, taken: Set<string>, fallback = '表'): string {
  let base = wanted.replace(FORBIDDEN, ' ').replace(/[\u0000-\u001f]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '').trim();
  if (base === '' || base.toLowerCase() === 'history') base = fallback;
  const clean = (n: string) => n.replace(/^'+|'+$/g, '').trim() || fallback;
  let name = clean(shorten(base, MAX_SHEET_NAME));
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = `(${n})`;
    name = clean(shorten(base, MAX_SHEET_NAME - suffix.length)) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** Display width of text in Excel character units (CJK and full-width count double). */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    w += cp >= 0x1100 && (cp <= 0x115f || (cp >= 0x2e80 && cp <= 0xa4cf) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || cp >= 0x20000) ? 2 : 1;
  }
  return w;
}
