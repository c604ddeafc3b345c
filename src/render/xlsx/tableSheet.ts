/**
 * One report table as a worksheet, laid out like the printed 公开表: title
 * row, 编制单位 / 金额单位 row, merged header rows, bordered body, note;
 * frozen below the header, printed on A4 fitted to the page width with the
 * header rows repeated. Amount cells are numbers taken from the figure's
 * exact value, shown with the decimals it is printed with.
 */
import { inlineText, type FigureRun, type Inline, type TableBlock, type TableCell } from '../../report/tree.js';
import { placeBand, textWidth, type PlacedCell } from './layout.js';
import { SheetWriter, type SheetOptions } from './sheet.js';
import { bodyXf, FONT, headerXf, XF } from './styles.js';

const MONEY_UNITS = new Set(['万元', '元']);

export interface TableSheet {
  sheet: SheetWriter;
  options: SheetOptions;
  /** Rows printed at the top of every page (1-based, inclusive), when the table has header rows. */
  printTitles?: { from: number; to: number };
}

/** What a table cell holds in the sheet: a number (with its decimals) or text. */
function cellValue(cell: TableCell): { value: number | string; decimals?: number } {
  const runs = cell.content.filter((r) => !(typeof r === 'string' && r.trim() === ''));
  const only = runs.length === 1 ? runs[0] : undefined;
  if (only && typeof only !== 'string' && only.kind === 'figure') {
    const n = figureNumber(only);
    if (n !== undefined) return { value: n, decimals: decimals(only) };
  }
  return { value: inlineText(cell.content) };
}

function figureNumber(f: FigureRun): number | undefined {
  if (!/^-?\d+(\.\d+)?$/.test(f.value.trim())) return undefined;
  const n = Number(f.value);
  return Number.isFinite(n) ? n : undefined;
}

/** Amounts show 分 (0.00); other figures the decimals they are printed with. */
function decimals(f: FigureRun): number {
  if (MONEY_UNITS.has(f.unit)) return 2;
  return /\.(\d+)$/.exec(f.text)?.[1]?.length ?? 0;
}

function noteText(note: Inline[] | undefined): string {
  return note ? inlineText(note) : '';
}

export function tableSheet(t: TableBlock, draftMark: string | undefined): TableSheet {
  const ws = new SheetWriter();
  const header = placeBand(t.header);
  const body = placeBand(t.body);
  const width = Math.max(1, header.width, body.width);
  const merges: [number, number, number, number][] = [];
  const colWidths = new Array<number>(width).fill(8);

  // Row 1: title. Row 2: 编制单位 left, 金额单位 (and 公开XX表) right.
  ws.set(1, 1, t.title, XF.title);
  ws.height(1, 30);
  if (width > 1) merges.push([1, 1, 1, width]);

  const unitText = `编制单位：${t.unitName}`;
  const moneyText = `${t.number ? `${t.number}　` : ''}金额单位：${t.moneyUnit}`;
  if (width === 1) {
    ws.set(2, 1, `${unitText}　${moneyText}`, XF.unitOnly);
  } else {
    const split = Math.max(1, Math.ceil(width / 2));
    ws.set(2, 1, unitText, XF.unitLeft);
    ws.set(2, split + 1, moneyText, XF.unitRight);
    if (split > 1) merges.push([2, 1, 2, split]);
    if (width - split > 1) merges.push([2, split + 1, 2, width]);
  }

  const headerTop = 3;
  const bodyTop = headerTop + header.height;
  // Empty grid positions still get borders, so the printed table has no holes.
  for (let r = headerTop; r < bodyTop + body.height; r++) for (let c = 1; c <= width; c++) ws.style(r, c, XF.gridEmpty);
  const place = (p: PlacedCell, top: number, isHeader: boolean) => {
    const r = top + p.row;
    const c = p.col + 1;
    const v = isHeader ? { value: inlineText(p.cell.content), decimals: undefined } : cellValue(p.cell);
    const numeric = typeof v.value === 'number';
    const horizontal = p.cell.align ?? (isHeader ? 'center' : numeric ? 'right' : 'left');
    ws.set(r, c, v.value, isHeader ? headerXf(horizontal) : bodyXf(v.decimals, horizontal));
    if (p.rowSpan > 1 || p.colSpan > 1) merges.push([r, c, r + p.rowSpan - 1, c + p.colSpan - 1]);
    const text = numeric ? String(v.value) : (v.value as string);
    const perCol = Math.min(40, textWidth(text) / p.colSpan + 2);
    for (let dc = 0; dc < p.colSpan; dc++) colWidths[p.col + dc] = Math.max(colWidths[p.col + dc] ?? 8, perCol);
  };
  header.cells.forEach((p) => place(p, headerTop, true));
  body.cells.forEach((p) => place(p, bodyTop, false));

  const lastRow = bodyTop + body.height - 1;
  const note = noteText(t.note);
  if (note) {
    const r = lastRow + 1;
    ws.set(r, 1, note, XF.note);
    ws.height(r, Math.min(409, 15 * Math.max(1, Math.ceil(textWidth(note) / Math.max(20, colWidths.reduce((a, b) => a + b, 0))))));
    if (width > 1) merges.push([r, 1, r, width]);
  }
  // Covered cells take the format of their range's first cell: a merged header span is bordered all round.
  for (const [r1, c1, r2, c2] of merges) ws.merge(r1, c1, r2, c2);

  const headerEnd = bodyTop - 1;
  return {
    sheet: ws,
    options: {
      freeze: { rows: headerEnd, activeCell: 'A1' },
      widths: colWidths.map((w) => Math.round(w * 10) / 10),
      print: {
        orientation: t.orientation === 'landscape' ? 'landscape' : 'portrait',
        centred: true,
        margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
        // "&&" is a literal "&" in Excel's header codes.
        ...(draftMark ? { oddHeader: `&C&"${FONT},Bold"${draftMark.replace(/&/g, '&&')}` } : {}),
        oddFooter: '&C第 &P 页，共 &N 页',
      },
    },
    ...(header.height > 0 ? { printTitles: { from: headerTop, to: headerEnd } } : {}),
  };
}
