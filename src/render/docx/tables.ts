/**
 * A table block → caption, 公开XX表 number, 编制单位/金额单位 line, a real Word
 * table (repeating header rows, merged cells, borders on every cell, full
 * width) and the note below it.
 */
import type { TableBlock } from '../../report/tree.js';
import { LANDSCAPE_HEIGHT, PORTRAIT_HEIGHT, tableHeight } from './estimate.js';
import { columnWidths, layoutGrid, type PlacedCell } from './grid.js';
import { inlineRuns, TAB_RUN, textRun } from './inline.js';
import { paragraph, pPr } from './props.js';
import { STYLE } from './styles.js';
import { LANDSCAPE_TEXT_WIDTH, TEXT_WIDTH } from './units.js';

const LINE = 'w:val="single" w:color="000000" w:sz="4"';
const BORDERS = `<w:tblBorders><w:top ${LINE}/><w:left ${LINE}/><w:bottom ${LINE}/><w:right ${LINE}/><w:insideH ${LINE}/><w:insideV ${LINE}/></w:tblBorders>`;
const CELL_MARGINS =
  '<w:tblCellMar><w:top w:type="dxa" w:w="30"/><w:left w:type="dxa" w:w="80"/><w:bottom w:type="dxa" w:w="30"/><w:right w:type="dxa" w:w="80"/></w:tblCellMar>';

export function renderTable(block: TableBlock, pageBreakBefore: boolean): string {
  const landscape = block.orientation === 'landscape';
  let x = paragraph({ style: STYLE.tableCaption, pageBreakBefore }, textRun(block.title));
  if (block.number) x += paragraph({ style: STYLE.tableInfo, align: 'right' }, textRun(block.number));
  x += paragraph(
    // The style's right tab sits at the portrait text width; a landscape page is wider.
    { style: STYLE.tableInfo, ...(landscape ? { tabs: [{ type: 'right' as const, position: LANDSCAPE_TEXT_WIDTH }] } : {}) },
    textRun(`编制单位：${block.unitName}`) + TAB_RUN + textRun(`金额单位：${block.moneyUnit}`),
  );
  const width = landscape ? LANDSCAPE_TEXT_WIDTH : TEXT_WIDTH;
  // A table that fits on a page is kept on one page, with its caption; a longer one repeats its header rows.
  const keepTogether = tableHeight(block, width) <= (landscape ? LANDSCAPE_HEIGHT : PORTRAIT_HEIGHT);
  x += wordTable(block, width, keepTogether);
  if (block.note && block.note.length > 0) x += paragraph({ style: STYLE.tableNote }, inlineRuns(block.note));
  return x;
}

/**
 * The table proper ('' when it has no cells); a landscape table sits in a
 * landscape section of its own (index.ts). Rows never split across pages;
 * with `keepTogether` every row but the last keeps with the next, so the
 * whole table moves to the next page rather than leave a few rows behind.
 */
function wordTable(block: TableBlock, tableWidth: number, keepTogether: boolean): string {
  const grid = layoutGrid(block.header, block.body);
  if (grid.rows.length === 0 || grid.columns === 0) return '';
  const headerRows = block.header.length;
  const widths = columnWidths(grid, tableWidth, headerRows);
  // A cell covered by a row span from above is written as a "continue" cell, as Word requires.
  const continues = new Map<number, PlacedCell[]>();
  for (const row of grid.rows) {
    for (const placed of row) {
      for (let r = placed.row + 1; r < placed.row + placed.rowSpan; r++) {
        const list = continues.get(r) ?? [];
        list.push(placed);
        continues.set(r, list);
      }
    }
  }
  let x =
    '<w:tbl><w:tblPr>' +
    `<w:tblW w:type="dxa" w:w="${tableWidth}"/><w:jc w:val="center"/>${BORDERS}<w:tblLayout w:type="fixed"/>${CELL_MARGINS}` +
    '</w:tblPr><w:tblGrid>' +
    widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('') +
    '</w:tblGrid>';
  grid.rows.forEach((placedRow, r) => {
    const isHeader = r < headerRows;
    const cells = [...placedRow.map((p) => ({ p, continued: false })), ...(continues.get(r) ?? []).map((p) => ({ p, continued: true }))];
    cells.sort((a, b) => a.p.col - b.p.col);
    x += `<w:tr><w:trPr><w:cantSplit/>${isHeader ? '<w:tblHeader/>' : ''}</w:trPr>`;
    const keepNext = keepTogether && r < grid.rows.length - 1;
    for (const { p, continued } of cells) x += wordCell(p, widths, isHeader, continued, keepNext);
    x += '</w:tr>';
  });
  return `${x}</w:tbl>`;
}

function wordCell(placed: PlacedCell, widths: readonly number[], isHeader: boolean, continued: boolean, keepNext: boolean): string {
  let width = 0;
  for (let c = placed.col; c < placed.col + placed.colSpan; c++) width += widths[c]!;
  const merge = placed.rowSpan > 1 ? `<w:vMerge w:val="${continued ? 'continue' : 'restart'}"/>` : '';
  const tcPr =
    `<w:tcPr><w:tcW w:type="dxa" w:w="${width}"/>` +
    (placed.colSpan > 1 ? `<w:gridSpan w:val="${placed.colSpan}"/>` : '') +
    `${merge}<w:vAlign w:val="center"/></w:tcPr>`;
  const style = isHeader ? STYLE.tableHead : STYLE.tableText;
  const align = placed.cell.align;
  // A continued cell holds an empty paragraph (every cell must hold one).
  const content = continued ? '' : inlineRuns(placed.cell.content);
  return `<w:tc>${tcPr}<w:p>${pPr({ style, ...(keepNext ? { keepNext } : {}), ...(align && !continued ? { align } : {}) })}${content}</w:p></w:tc>`;
}
