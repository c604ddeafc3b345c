/**
 * A table block → caption, 公开XX表 number, 编制单位/金额单位 line, a real Word
 * table (repeating header rows, merged cells, borders on every cell, full
 * width) and the note below it.
 */
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  TabStopType,
  WidthType,
  type FileChild,
} from 'docx';
import type { TableBlock } from '../../report/tree.js';
import { columnWidths, layoutGrid, type PlacedCell } from './grid.js';
import { inlineRuns, textRun } from './inline.js';
import { STYLE } from './styles.js';
import { LANDSCAPE_TEXT_WIDTH, TEXT_WIDTH } from './units.js';

const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const borders = { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line };
const cellMargins = { top: 30, bottom: 30, left: 80, right: 80 };

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

export function renderTable(block: TableBlock, pageBreakBefore: boolean): FileChild[] {
  const out: FileChild[] = [
    new Paragraph({ style: STYLE.tableCaption, pageBreakBefore, children: [textRun(block.title)] }),
  ];
  if (block.number) {
    out.push(new Paragraph({ style: STYLE.tableInfo, alignment: AlignmentType.RIGHT, children: [textRun(block.number)] }));
  }
  out.push(
    new Paragraph({
      style: STYLE.tableInfo,
      // The style's right tab sits at the portrait text width; a landscape page is wider.
      ...(block.orientation === 'landscape' ? { tabStops: [{ type: TabStopType.RIGHT, position: LANDSCAPE_TEXT_WIDTH }] } : {}),
      children: [textRun(`编制单位：${block.unitName}`), new TextRun({ children: [new Tab()] }), textRun(`金额单位：${block.moneyUnit}`)],
    }),
  );
  const table = wordTable(block);
  if (table) out.push(table);
  if (block.note && block.note.length > 0) {
    out.push(new Paragraph({ style: STYLE.tableNote, children: inlineRuns(block.note) }));
  }
  return out;
}


function wordTable(block: TableBlock): Table | undefined {
  // A landscape table sits in a landscape section of its own (index.ts), with the wider text block.
  const TABLE_WIDTH = block.orientation === 'landscape' ? LANDSCAPE_TEXT_WIDTH : TEXT_WIDTH;
  const grid = layoutGrid(block.header, block.body);
  if (grid.rows.length === 0 || grid.columns === 0) return undefined;
  const headerRows = block.header.length;
  const widths = columnWidths(grid, TABLE_WIDTH, headerRows);
  const rows = grid.rows.map((placedRow, r) => {
    const isHeader = r < headerRows;
    return new TableRow({
      tableHeader: isHeader,
      cantSplit: true,
      children: placedRow.map((placed) => wordCell(placed, widths, isHeader)),
    });
  });
  return new Table({
    rows,
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders,
    margins: cellMargins,
  });
}

function wordCell(placed: PlacedCell, widths: readonly number[], isHeader: boolean): TableCell {
  const width = widths.slice(placed.col, placed.col + placed.colSpan).reduce((a, b) => a + b, 0);
  const align = placed.cell.align ? ALIGN[placed.cell.align] : undefined;
  return new TableCell({
    children: [
      new Paragraph({
        style: isHeader ? STYLE.tableHead : STYLE.tableText,
        ...(align ? { alignment: align } : {}),
        children: inlineRuns(placed.cell.content),
      }),
    ],
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlignTable.CENTER,
    ...(placed.colSpan > 1 ? { columnSpan: placed.colSpan } : {}),
    ...(placed.rowSpan > 1 ? { rowSpan: placed.rowSpan } : {}),
  });
}
