/**
 * Format readers' tables → ReadTable: the grid (audit/tables/grid.ts), the
 * lines just above the table (title, 公开XX表, 编制单位, 金额单位) and the title
 * among them.
 */
import { findTitle, toGrid, type RawCell, type ReadTable } from '../../audit/tables/index.js';

/** The last `n` non-empty lines of raw text before `at` (nearest last), each cut to 200 characters. */
export function linesBefore(raw: string, at: number, n = 6, from = 0): string[] {
  const out: string[] = [];
  let end = at;
  while (out.length < n && end > from) {
    const start = Math.max(from, raw.lastIndexOf('\n', end - 1) + 1);
    const line = raw.slice(start, end).trim();
    if (line !== '') out.unshift(line.slice(0, 200));
    end = start - 1;
  }
  return out;
}

export function makeTable(
  source: ReadTable['source'], rows: readonly RawCell[][], headerRows: number | undefined, context: string[],
  extra: Partial<Pick<ReadTable, 'page' | 'pages' | 'span'>> = {},
): ReadTable {
  const grid = toGrid(rows, headerRows !== undefined && headerRows > 0 ? headerRows : undefined);
  const title = findTitle(context)?.title;
  return { source, ...(title ? { title } : {}), context, ...extra, header: grid.header, rows: grid.rows };
}
