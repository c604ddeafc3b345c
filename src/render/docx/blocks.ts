/** Report blocks → Word paragraphs and tables (body XML), in reading order. */
import type { Block, ChartBlock, HeadingBlock, ParagraphBlock } from '../../report/tree.js';
import { renderChart, type ChartRef } from './chart.js';
import { cleanText, inlineRuns, textRun } from './inline.js';
import { paragraph } from './props.js';
import { HEADING_STYLE, STYLE } from './styles.js';
import { renderTable } from './tables.js';
import { bookmarked, type TocEntry } from './toc.js';

export interface BlockOptions {
  /** The 目录 entry of each listed heading (its bookmark goes around the heading's text). */
  toc?: ReadonlyMap<Block, TocEntry>;
  /** The first block starts a new page (the body after the 目录). */
  breakFirst?: boolean;
}
import { ptTwips, SIZE } from './units.js';

/** The title lines (tree.title) in 方正小标宋简体 二号, centred, followed by one empty line. */
export function renderTitle(lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  return [...lines.map((text) => paragraph({ style: STYLE.title }, textRun(text))), paragraph({ style: STYLE.normal }, '')];
}

/**
 * All blocks in order, one XML string per block. A page break is carried over
 * to the next block as "page break before", so the new page does not start
 * with an empty line; a trailing page break would only print a blank page, so
 * it is dropped, and so is one right after a heading (it would leave a part
 * title alone on a page). Chart blocks take their part references from `charts`.
 */
export function renderBlocks(blocks: readonly Block[], charts: ReadonlyMap<ChartBlock, ChartRef> = new Map(), o: BlockOptions = {}): string[] {
  const out: string[] = [];
  let breakPending = o.breakFirst ?? false;
  let prev: Block | undefined;
  for (const block of blocks) {
    if (block.kind === 'pageBreak') {
      // A break right after a heading is dropped: the heading belongs to what follows it.
      if (prev?.kind === 'heading') continue;
      // Two breaks in a row leave a page empty on purpose; the break after the 目录 and one at the body's start are one.
      if (breakPending && !(o.breakFirst === true && out.length === 0)) out.push('<w:p><w:r><w:br w:type="page"/></w:r></w:p>');
      breakPending = true;
      continue;
    }
    out.push(renderBlock(block, breakPending, charts, o.toc?.get(block)));
    breakPending = false;
    prev = block;
  }
  return out;
}

function renderBlock(
  block: Exclude<Block, { kind: 'pageBreak' }>,
  pageBreakBefore: boolean,
  charts: ReadonlyMap<ChartBlock, ChartRef>,
  toc: TocEntry | undefined,
): string {
  switch (block.kind) {
    case 'heading':
      return renderHeading(block, pageBreakBefore, toc);
    case 'paragraph':
      return renderParagraph(block, pageBreakBefore);
    case 'note':
      return paragraph({ style: STYLE.note, pageBreakBefore }, inlineRuns(block.content));
    case 'table':
      return renderTable(block, pageBreakBefore);
    case 'chart': {
      const ref = charts.get(block);
      if (!ref) throw new Error(`chart "${block.id}" has no chart part`);
      return renderChart(block, ref, pageBreakBefore);
    }
  }
}

/**
 * Heading text is numbering + text. After a numbering that ends in a character
 * rather than punctuation (第一部分) the gap is made with character spacing on
 * the numbering's last character, so the printed text stays exactly
 * numbering + text (as in the navigation pane and text extraction).
 */
function renderHeading(block: HeadingBlock, pageBreakBefore: boolean, toc: TocEntry | undefined): string {
  let runs = '';
  const numbering = cleanText(block.numbering).replace(/\n/g, ' ');
  if (numbering !== '') {
    const chars = [...numbering];
    const last = chars[chars.length - 1]!;
    if (block.text !== '' && /[\p{L}\p{N}]/u.test(last)) {
      if (chars.length > 1) runs += textRun(chars.slice(0, -1).join(''));
      runs += textRun(last, { characterSpacing: ptTwips(SIZE.san) });
    } else {
      runs += textRun(numbering);
    }
  }
  if (block.text !== '') runs += textRun(block.text);
  return paragraph({ style: HEADING_STYLE[block.level], pageBreakBefore }, bookmarked(toc, runs));
}

/** Body paragraph: label printed before the content; 2-character indent unless centred or right-aligned. */
function renderParagraph(block: ParagraphBlock, pageBreakBefore: boolean): string {
  const aligned = block.align === 'center' || block.align === 'right';
  return paragraph(
    { style: aligned ? STYLE.normal : STYLE.body, pageBreakBefore, ...(block.align ? { align: block.align } : {}) },
    (block.label ? textRun(block.label) : '') + inlineRuns(block.content),
  );
}

