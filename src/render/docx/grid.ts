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

/**
 * Column widths (twips) that add up to `total`. Each column's share follows
 * its widest single-column cell, within [3, 12] characters; header text counts
 * half, since a header may wrap onto two lines. So a long 科目名称 column is
 * wider than a column of amounts, and a long header does not starve the rest.
 */
export function columnWidths(grid: TableGrid, total: number, headerRows: number): number[] {
  const weights = Array.from({ length: grid.columns }, () => 3);
  for (const row of grid.rows) {
    for (const placed of row) {
      if (placed.colSpan !== 1) continue;
      const text = textWidth(inlineText(placed.cell.content));
      const w = Math.min(12, placed.row < headerRows ? text / 2 : text);
      weights[placed.col] = Math.max(weights[placed.col]!, w);
    }
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((total * w) / sum));
  const rest = total - widths.reduce((a, b) => a + b, 0);
  if (widths.length > 0) widths[0]! += rest;
  return widths;
}
