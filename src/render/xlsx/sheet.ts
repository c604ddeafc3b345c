/**
 * One worksheet part (xl/worksheets/sheetN.xml): cells are set in any order
 * on a sparse grid, then written row by row with the merges, column widths,
 * frozen pane and page setup. Texts go to the workbook's shared strings when
 * the part is written, so their indices follow the order of the workbook.
 */
import type { SharedStrings } from './sharedStrings.js';
import { cellRef, colLetters, dropInvalidXml, escapeText, NS, XML_DECLARATION } from './xml.js';

interface Cell {
  /** Cell format (index into cellXfs). */
  s: number;
  v?: string | number;
}

/** 1-based, inclusive. */
interface Range {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export interface PrintSetup {
  orientation: 'portrait' | 'landscape';
  /** Centred horizontally on the page. */
  centred?: boolean;
  /** Inches; Excel's defaults when absent. */
  margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Header/footer in Excel's codes (&C, &P, &N …), not yet XML-escaped. */
  oddHeader?: string;
  oddFooter?: string;
}

export interface SheetOptions {
  /** The tab shown when the workbook opens. */
  tabSelected?: boolean;
  /** Rows above this stay in view; the cursor starts at `activeCell`. */
  freeze?: { rows: number; activeCell: string };
  /** Column widths (Excel character units) from column A on. */
  widths?: readonly number[];
  /** A4, fitted to one page wide. */
  print?: PrintSetup;
}

export class SheetWriter {
  private readonly rows: (Cell | undefined)[][] = [];
  private readonly heights: number[] = [];
  private readonly merges: Range[] = [];

  private cell(r: number, c: number): Cell {
    const row = (this.rows[r] ??= []);
    return (row[c] ??= { s: 0 });
  }

  /** Sets the format; a value already there stays. */
  style(r: number, c: number, xf: number): void {
    this.cell(r, c).s = xf;
  }

  /** A text or number value with its format. */
  set(r: number, c: number, value: string | number, xf: number): void {
    const cell = this.cell(r, c);
    cell.s = xf;
    cell.v = value;
  }

  height(r: number, points: number): void {
    this.heights[r] = points;
  }

  /**
   * Merges a range: the cells it covers take the top-left cell's format and
   * lose their values, as in Excel. A range overlapping one already merged is
   * left out (Excel would call the file corrupt); returns whether it merged.
   */
  merge(r1: number, c1: number, r2: number, c2: number): boolean {
    if (r1 === r2 && c1 === c2) return false;
    if (this.merges.some((m) => m.r1 <= r2 && r1 <= m.r2 && m.c1 <= c2 && c1 <= m.c2)) return false;
    this.merges.push({ r1, c1, r2, c2 });
    const s = this.cell(r1, c1).s;
    for (let r = r1; r <= r2; r++) {
      for (let c = c1; c <= c2; c++) {
        if (r === r1 && c === c1) continue;
        (this.rows[r] ??= [])[c] = { s };
      }
    }
    return true;
  }

  xml(strings: SharedStrings, o: SheetOptions = {}): string {
    let data = '';
    let maxRow = 0;
    let maxCol = 0;
    const last = Math.max(this.rows.length, this.heights.length);
    for (let r = 1; r < last; r++) {
      const row = this.rows[r];
      const ht = this.heights[r];
      if (!row && ht === undefined) continue;
      let cells = '';
      if (row) {
        for (let c = 1; c < row.length; c++) {
          const cell = row[c];
          if (!cell) continue;
          maxCol = Math.max(maxCol, c);
          const ref = cellRef(r, c);
          const s = cell.s ? ` s="${cell.s}"` : '';
          if (cell.v === undefined) cells += `<c r="${ref}"${s}/>`;
          else if (typeof cell.v === 'number') cells += `<c r="${ref}"${s}><v>${cell.v}</v></c>`;
          else cells += `<c r="${ref}"${s} t="s"><v>${strings.add(cell.v)}</v></c>`;
        }
        if (cells) maxRow = r;
      }
      data += ht === undefined ? `<row r="${r}">${cells}</row>` : `<row r="${r}" ht="${ht}" customHeight="1">${cells}</row>`;
    }
    const dimension = maxRow > 0 ? `A1:${cellRef(maxRow, Math.max(1, maxCol))}` : 'A1';
    return (
      XML_DECLARATION +
      `<worksheet xmlns="${NS.main}" xmlns:r="${NS.r}">` +
      (o.print ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '') +
      `<dimension ref="${dimension}"/>` +
      sheetViews(o) +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      cols(o.widths) +
      `<sheetData>${data}</sheetData>` +
      mergeCells(this.merges) +
      (o.print ? printXml(o.print) : '') +
      '</worksheet>'
    );
  }
}

function sheetViews(o: SheetOptions): string {
  const selected = o.tabSelected ? ' tabSelected="1"' : '';
  const f = o.freeze;
  if (!f || f.rows <= 0) return `<sheetViews><sheetView${selected} workbookViewId="0"/></sheetViews>`;
  return (
    `<sheetViews><sheetView${selected} workbookViewId="0">` +
    `<pane ySplit="${f.rows}" topLeftCell="A${f.rows + 1}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="${f.activeCell}" sqref="${f.activeCell}"/>` +
    '</sheetView></sheetViews>'
  );
}

function cols(widths: readonly number[] | undefined): string {
  if (!widths || widths.length === 0) return '';
  return `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`;
}

function mergeCells(merges: readonly Range[]): string {
  if (merges.length === 0) return '';
  const refs = merges.map((m) => `<mergeCell ref="${colLetters(m.c1)}${m.r1}:${colLetters(m.c2)}${m.r2}"/>`).join('');
  return `<mergeCells count="${merges.length}">${refs}</mergeCells>`;
}

function printXml(p: PrintSetup): string {
  const m = p.margins;
  const code = (s: string) => escapeText(dropInvalidXml(s));
  const hf =
    p.oddHeader || p.oddFooter
      ? '<headerFooter>' +
        (p.oddHeader ? `<oddHeader>${code(p.oddHeader)}</oddHeader>` : '') +
        (p.oddFooter ? `<oddFooter>${code(p.oddFooter)}</oddFooter>` : '') +
        '</headerFooter>'
      : '';
  return (
    (p.centred ? '<printOptions horizontalCentered="1"/>' : '') +
    (m ? `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` : '') +
    // A4 (paperSize 9), one page wide and as many pages high as it takes.
    `<pageSetup paperSize="9" orientation="${p.orientation}" fitToWidth="1" fitToHeight="0"/>` +
    hf
  );
}
