/**
 * Where each block of the Word document will roughly fall: a page estimate
 * for the numbers written into the 目录's cached result (toc.ts). A DOCX
 * holds no layout; Word and LibreOffice lay it out when they open it, and
 * LibreOffice recomputes the PAGEREF fields itself. The estimate follows the
 * layout our styles ask for: 22 lines of 28 三号 characters on a portrait
 * page, the 28.95 pt pitch, 五号 table rows wrapped in their column widths,
 * charts at their drawn height, a new page for each page break and each
 * landscape section. Word's own line breaking (punctuation rules, keep
 * with next) moves a heading by a page now and then; the test that converts
 * the document with LibreOffice states how close the estimate is.
 */
import { chartSize } from '../../charts/svg.js';
import { inlineText, type Block, type TableBlock } from '../../report/tree.js';
import { columnWidths, layoutGrid, textWidth } from './grid.js';
import { LANDSCAPE_TEXT_WIDTH, MARGIN, PAGE, SIZE, TEXT_WIDTH, ptTwips } from './units.js';

/** Text height of a portrait and a landscape page, in twips. */
const PORTRAIT_HEIGHT = PAGE.height - MARGIN.top - MARGIN.bottom;
const LANDSCAPE_HEIGHT = PAGE.width - MARGIN.top - MARGIN.bottom;
/** The body pitch (28.95 pt) and characters per line at a font size on a given width. */
const LINE = 579;
const perLine = (width: number, sizePt: number) => Math.max(1, Math.floor(width / ptTwips(sizePt)));
/**
 * Body text is measured at full width, punctuation included: LibreOffice does not narrow full-width
 * punctuation for the document's compressPunctuation setting (package.ts), and with the 0.3 em it was
 * given here 昭化's 附件 ran two pages past the estimate. Word, which does, may end a paragraph a line sooner.
 */
const bodyWidth = (text: string) => textWidth(text);
const lines = (text: string, width: number, sizePt: number, indentChars = 0) =>
  Math.max(1, Math.ceil((bodyWidth(text) + indentChars) / perLine(width, sizePt)));

/** A block's height in twips, on a page `width` twips wide. */
function blockHeight(b: Block, width: number): number {
  switch (b.kind) {
    case 'heading':
      // Parts: a blank line above and half a line below (styles.ts).
      return lines(`${b.numbering}${b.text}`, width, SIZE.san, b.level === 1 ? 0 : 2) * LINE + (b.level === 1 ? LINE * 1.5 : 0);
    case 'paragraph':
      return lines(`${b.label ?? ''}${inlineText(b.content)}`, width, SIZE.san, b.align === undefined || b.align === 'left' ? 2 : 0) * LINE;
    case 'note':
      return lines(inlineText(b.content), width, SIZE.si, 2) * ptTwips(24);
    case 'chart': {
      const size = chartSize(b.chart);
      return ptTwips(18 + 18) + Math.round((width * size.height) / size.width) + 120;
    }
    case 'table':
      return tableHeight(b, width);
    case 'pageBreak':
      return 0;
  }
}

/** 五号 single-spaced text with the cell margins (tables.ts): about 16.5 pt a line of a row. */
const ROW_LINE = ptTwips(10.5 * 1.45);
const ROW_PAD = 60 + 20;

/**
 * A table's estimated layout in twips on a page `width` twips wide: what stands above the rows
 * (caption, number and unit lines), each row's height, the header rows Word repeats on each page
 * (their total), and the note below.
 */
export function tableLayout(t: TableBlock, width: number): { top: number; rows: number[]; repeat: number; bottom: number } {
  // Caption (小二 with 12 + 6 pt around it), number and unit lines (小四).
  const top = ptTwips(18 * 1.3 + 18) + (t.number ? ptTwips(12 * 1.3) : 0) + ptTwips(12 * 1.3 + 3);
  const rows: number[] = [];
  const grid = layoutGrid(t.header, t.body);
  if (grid.columns > 0) {
    const widths = columnWidths(grid, width, t.header.length);
    for (const row of grid.rows) {
      let most = 1;
      for (const p of row) {
        if (p.rowSpan > 1) continue;
        let w = 0;
        for (let c = p.col; c < p.col + p.colSpan; c++) w += widths[c]!;
        const chars = Math.max(1, Math.floor((w - 160) / ptTwips(SIZE.wu)));
        most = Math.max(most, Math.ceil(textWidth(inlineText(p.cell.content)) / chars));
      }
      rows.push(most * ROW_LINE + ROW_PAD);
    }
  }
  const repeat = rows.slice(0, t.header.length).reduce((a, b) => a + b, 0);
  const bottom = t.note && t.note.length > 0 ? lines(inlineText(t.note), width, 12) * ptTwips(12 * 1.3) + ptTwips(9) : 0;
  return { top, rows, repeat, bottom };
}

/** A table's estimated height in twips (caption, unit line, rows, note) on a page `width` twips wide. */
export function tableHeight(t: TableBlock, width: number): number {
  const l = tableLayout(t, width);
  return l.top + l.rows.reduce((a, b) => a + b, 0) + l.bottom;
}

/**
 * The estimated page (1-based) of each block of `sections` (consecutive
 * runs sharing an orientation, as index.ts writes them), given the height
 * already used on the first page (title and 目录) and whether the body
 * starts on a new page. Blocks are keyed by object.
 */
export function estimatePages(
  sections: readonly { landscape: boolean; blocks: readonly Block[] }[],
  start: { page: number; used: number },
): Map<Block, number> {
  const out = new Map<Block, number>();
  let page = start.page;
  let used = start.used;
  sections.forEach((s, i) => {
    const width = s.landscape ? LANDSCAPE_TEXT_WIDTH : TEXT_WIDTH;
    const height = s.landscape ? LANDSCAPE_HEIGHT : PORTRAIT_HEIGHT;
    if (i > 0) {
      page++;
      used = 0;
    }
    let breakPending = false;
    let prev: Block | undefined;
    for (const b of s.blocks) {
      if (b.kind === 'pageBreak') {
        // As blocks.ts writes it: no break right after a heading.
        if (prev?.kind !== 'heading') breakPending = true;
        continue;
      }
      prev = b;
      if (breakPending && used > 0) {
        page++;
        used = 0;
      }
      breakPending = false;
      const h = blockHeight(b, width);
      // A heading keeps with the next block: it moves on when the page has little room left.
      if (b.kind === 'heading' && used + h + 3 * LINE > height && used > 0) {
        page++;
        used = 0;
      }
      // A chart (one picture, its title kept with it) and a table that fits a page are kept on one
      // page (the table's rows keep with the next); a longer table fills pages.
      if ((b.kind === 'table' || b.kind === 'chart') && h <= height && used + h > height && used > 0) {
        page++;
        used = 0;
      }
      // A table that runs over pages breaks between rows, never inside one (rows cannot split:
      // tables.ts), and repeats its header rows on each new page.
      if (b.kind === 'table' && used + h > height) {
        const l = tableLayout(b, width);
        if (used > 0 && used + l.top + (l.rows[0] ?? 0) > height) {
          page++;
          used = 0;
        }
        out.set(b, page);
        used += l.top;
        for (const r of l.rows) {
          if (used + r > height && used > l.repeat) {
            page++;
            used = l.repeat;
          }
          used += r;
        }
        used += l.bottom;
        while (used > height) {
          page++;
          used -= height;
        }
        continue;
      }
      out.set(b, page);
      used += h;
      // A block taller than the room left runs onto the next pages.
      while (used > height) {
        page++;
        used -= height;
      }
    }
  });
  return out;
}

/** The height of the title block and a 目录 of `entries` lines, in twips. */
export function frontMatterHeight(titleLines: number, tocLines: readonly string[], tocIndent: readonly boolean[]): number {
  let h = titleLines * ptTwips(35) + LINE;
  if (tocLines.length > 0) h += LINE * 2.5;
  tocLines.forEach((text, i) => {
    h += lines(`${text}0000`, TEXT_WIDTH - (tocIndent[i] ? ptTwips(32) : 0), SIZE.san) * LINE;
  });
  return h;
}

export { LANDSCAPE_HEIGHT, PORTRAIT_HEIGHT };
