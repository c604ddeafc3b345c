/**
 * Merged cells → a plain grid (see types.ts for the convention), with bounds
 * so a hostile table (colspan="100000") cannot blow up memory: spans are
 * clamped and a table wider or longer than the limits is cut, never refused.
 */
import { isNumberText } from './cells.js';
import type { RawCell, ReadRow } from './types.js';

export const MAX_COLUMNS = 128;
export const MAX_ROWS = 5_000;
const MAX_ROW_SPAN = 1_000;

interface Slot {
  text: string;
  anchor: boolean;
  span?: RawCell['span'];
}

export interface Grid {
  header: string[][];
  rows: ReadRow[];
}

const clamp = (n: number | undefined, max: number) => (n === undefined || !Number.isFinite(n) || n < 1 ? 1 : Math.min(Math.floor(n), max));

/** Lays merged cells out on a grid, left to right, skipping slots taken by cells from rows above. */
export function layoutGrid(rows: readonly RawCell[][]): Slot[][] {
  const grid: (Slot | undefined)[][] = [];
  const n = Math.min(rows.length, MAX_ROWS);
  for (let r = 0; r < n; r++) {
    grid[r] ??= [];
    let c = 0;
    for (const cell of rows[r]!) {
      while (c < MAX_COLUMNS && grid[r]![c]) c++;
      if (c >= MAX_COLUMNS) break;
      const cs = Math.min(clamp(cell.colSpan, MAX_COLUMNS), MAX_COLUMNS - c);
      const rs = Math.min(clamp(cell.rowSpan, MAX_ROW_SPAN), n - r);
      for (let dr = 0; dr < rs; dr++) {
        const row = (grid[r + dr] ??= []);
        for (let dc = 0; dc < cs; dc++) {
          row[c + dc] = { text: cell.text, anchor: dr === 0 && dc === 0, ...(dr === 0 && dc === 0 && cell.span ? { span: cell.span } : {}) };
        }
      }
      c += cs;
    }
  }
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row) => Array.from({ length: width }, (_, c) => row[c] ?? { text: '', anchor: true }));
}

/** A header row holds labels only: no cell is a number (a 行次 column's "1" is body). */
function isHeaderRow(row: readonly Slot[], lastRow: boolean): boolean {
  // A total row ("合计", "本年收入合计" in the label column) is body even where its figures are blank.
  const first = row.find((s) => s.text.trim() !== '')?.text.replace(/\s/g, '') ?? '';
  return first !== '' && row.every((s) => !isNumberText(s.text)) && !(lastRow && /^(?:合计|总计|本年收入合计|本年支出合计)$/.test(first));
}

/**
 * The grid of a table: `headerRows` header rows when the source marks them (<thead>, <th>), else the leading
 * rows that hold no number (at most 4).
 */
export function toGrid(rows: readonly RawCell[][], headerRows?: number): Grid {
  const slots = layoutGrid(rows);
  let h = headerRows ?? 0;
  if (headerRows === undefined) {
    while (h < Math.min(4, slots.length - 1) && isHeaderRow(slots[h]!, h === slots.length - 1)) h++;
  }
  h = Math.min(h, slots.length);
  return {
    header: slots.slice(0, h).map((row) => row.map((s) => s.text)),
    rows: slots.slice(h).map((row) => ({ cells: row.map((s) => (s.anchor ? s.text : '')), spans: row.map((s) => (s.anchor ? s.span : undefined)) })),
  };
}
