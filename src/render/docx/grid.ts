/**
 * Places table cells with colSpan/rowSpan on a grid (as an HTML table does):
 * a cell covered by a row span from above is left out of the later row.
 */
import { inlineText, type TableCell } from '../../report/tree.js';

export interface PlacedCell {
  cell: TableCell;
  row: number;
  col: number;
  colSpan: number;
  rowSpan: number;
}

export interface TableGrid {
  /** Placed cells per row, in reading order, ragged rows padded with empty cells. */
  rows: PlacedCell[][];
  columns: number;
}

/**
 * Lays out the header rows and then the body rows. A row span never crosses
 * from the header into the body: it is cut at the end of its section.
 */
export function layoutGrid(header: readonly TableCell[][], body: readonly TableCell[][]): TableGrid {
  const all = [...header, ...body];
  const occupied: boolean[][] = all.map(() => []);
  const rows: PlacedCell[][] = all.map(() => []);
  let columns = 0;
  all.forEach((cells, r) => {
    const sectionEnd = r < header.length ? header.length : all.length;
    let c = 0;
    for (const cell of cells) {
      while (occupied[r]![c]) c++;
      const colSpan = Math.max(1, Math.floor(cell.colSpan ?? 1));
      const rowSpan = Math.min(Math.max(1, Math.floor(cell.rowSpan ?? 1)), sectionEnd - r);
      for (let rr = r; rr < r + rowSpan; rr++) {
        for (let cc = c; cc < c + colSpan; cc++) occupied[rr]![cc] = true;
      }
      rows[r]!.push({ cell, row: r, col: c, colSpan, rowSpan });
      c += colSpan;
      columns = Math.max(columns, c);
    }
  });
  // Close ragged rows with empty cells so every row spans the full width.
  all.forEach((_, r) => {
    for (let c = 0; c < columns; c++) {
      if (occupied[r]![c]) continue;
      rows[r]!.push({ cell: { content: [] }, row: r, col: c, colSpan: 1, rowSpan: 1 });
      occupied[r]![c] = true;
    }
    rows[r]!.sort((a, b) => a.col - b.col);
  });
  return { rows, columns };
}

/** Rough printed width of a text in character cells: CJK counts 1, Latin and digits about half. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u0000-\u024f]/u.test(ch) ? 0.55 : 1;
  return width;
}

/** A 五号 (10.5 pt) character cell in twips, and each cell's left + right margins (tables.ts) with a little air. */
const CHAR_TWIPS = 210;
const CELL_PADDING = 180;
/** A CJK run this short (待评审, 分值) is kept on one line, like a number. */
const SHORT_CJK = 4;

/** Width in character cells of the longest part of `text` that should not wrap: a number, a Latin word, a short CJK word. */
export function unbreakableWidth(text: string): number {
  let widest = 0;
  for (const part of text.split(/\s+/)) {
    // Runs of CJK and of everything else: a number with its unit sign ("100.00%") stays whole.
    for (const run of part.match(/[\u0000-\u024f]+|[^\u0000-\u024f]+/gu) ?? []) {
      const latin = /^[\u0000-\u024f]/u.test(run);
      if (latin || [...run].length <= SHORT_CJK) widest = Math.max(widest, textWidth(run));
      else widest = Math.max(widest, 1);
    }
  }
  return widest;
}

/**
 * Column widths (twips) that add up to `total`, laid out as a browser lays
 * out an auto table: each column's minimum is its widest unbreakable content
 * (numbers, short words; up to 10 characters), its wish is its widest
 * single-column cell (up to 12 characters; header text counts half, since a
 * header may wrap onto two lines). When the wishes fit, they share the width;
 * otherwise every column gets its minimum and the rest goes to the columns in
 * proportion to what they still wish for. So "12.50" or "待评审" in a narrow
 * 得分 column does not break, and a long 科目名称 column takes the rest.
 */
export function columnWidths(grid: TableGrid, total: number, headerRows: number): number[] {
  const min = Array.from({ length: grid.columns }, () => 2);
  const wish = Array.from({ length: grid.columns }, () => 3);
  for (const row of grid.rows) {
    for (const placed of row) {
      if (placed.colSpan !== 1) continue;
      const text = inlineText(placed.cell.content);
      const full = textWidth(text);
      wish[placed.col] = Math.max(wish[placed.col]!, Math.min(12, placed.row < headerRows ? full / 2 : full));
      min[placed.col] = Math.max(min[placed.col]!, Math.min(10, unbreakableWidth(text)));
    }
  }
  const twips = (chars: number) => chars * CHAR_TWIPS + CELL_PADDING;
  const lo = min.map(twips);
  const hi = wish.map((w, i) => Math.max(twips(w), lo[i]!));
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (sum(hi) <= total || sum(lo) >= total) {
    // Everything fits (share the room by wish), or not even the minimums do (share by minimum).
    const base = sum(hi) <= total ? hi : lo;
    widths = base.map((w) => Math.floor((total * w) / sum(base)));
  } else {
    const spare = total - sum(lo);
    const extra = sum(hi) - sum(lo);
    widths = lo.map((w, i) => Math.floor(w + (spare * (hi[i]! - w)) / extra));
  }
  const rest = total - sum(widths);
  if (widths.length > 0) widths[0]! += rest;
  return widths;
}
