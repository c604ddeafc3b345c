/** Report blocks → Word paragraphs and tables, in reading order. */
import { AlignmentType, HeadingLevel, PageBreak, Paragraph, type FileChild, type TextRun } from 'docx';
import type { Block, ChartBlock, HeadingBlock, NoteBlock, ParagraphBlock } from '../../report/tree.js';
import { renderChart, type ChartImage } from './chart.js';
import { cleanText, inlineRuns, textRun } from './inline.js';
import { STYLE } from './styles.js';
import { renderTable } from './tables.js';
import { ptTwips, SIZE } from './units.js';

const HEADING_STYLE = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
  4: HeadingLevel.HEADING_4,
  5: HeadingLevel.HEADING_5,
} as const;

/** The title lines (tree.title) in 方正小标宋简体 二号, centred, followed by one empty line. */
export function renderTitle(lines: readonly string[]): Paragraph[] {
  if (lines.length === 0) return [];
  return [
    ...lines.map((text) => new Paragraph({ heading: HeadingLevel.TITLE, children: [textRun(text)] })),
    new Paragraph({ style: STYLE.normal, children: [] }),
  ];
}

/**
 * All blocks in order. A page break is carried over to the next block as
 * "page break before", so the new page does not start with an empty line; a
 * trailing page break would only print a blank page, so it is dropped.
 * Chart blocks take their pictures from `charts` (see rasteriseCharts).
 */
export function renderBlocks(blocks: readonly Block[], charts: ReadonlyMap<ChartBlock, ChartImage> = new Map()): FileChild[] {
  const out: FileChild[] = [];
  let breakPending = false;
  for (const block of blocks) {
    if (block.kind === 'pageBreak') {
      if (breakPending) out.push(new Paragraph({ children: [new PageBreak()] }));
      breakPending = true;
      continue;
    }
    out.push(...renderBlock(block, breakPending, charts));
    breakPending = false;
  }
  return out;
}

function renderBlock(
  block: Exclude<Block, { kind: 'pageBreak' }>,
  pageBreakBefore: boolean,
  charts: ReadonlyMap<ChartBlock, ChartImage>,
): FileChild[] {
  switch (block.kind) {
    case 'heading':
      return [renderHeading(block, pageBreakBefore)];
    case 'paragraph':
      return [renderParagraph(block, pageBreakBefore)];
    case 'note':
      return [renderNote(block, pageBreakBefore)];
    case 'table':
      return renderTable(block, pageBreakBefore);
    case 'chart': {
      const image = charts.get(block);
      if (!image) throw new Error(`chart "${block.id}" was not rasterised before rendering`);
      return renderChart(block, image, pageBreakBefore);
    }
  }
}

/**
 * Heading text is numbering + text. After a numbering that ends in a character
 * rather than punctuation (第一部分) the gap is made with character spacing on
 * the numbering's last character, so the printed text stays exactly
 * numbering + text (as in the navigation pane and text extraction).
 */
function renderHeading(block: HeadingBlock, pageBreakBefore: boolean): Paragraph {
  const children: TextRun[] = [];
  const numbering = cleanText(block.numbering).replace(/\n/g, ' ');
  if (numbering !== '') {
    const chars = [...numbering];
    const last = chars[chars.length - 1]!;
    if (block.text !== '' && /[\p{L}\p{N}]/u.test(last)) {
      if (chars.length > 1) children.push(textRun(chars.slice(0, -1).join('')));
      children.push(textRun(last, { characterSpacing: ptTwips(SIZE.san) }));
    } else {
      children.push(textRun(numbering));
    }
  }
  if (block.text !== '') children.push(textRun(block.text));
  return new Paragraph({ heading: HEADING_STYLE[block.level], pageBreakBefore, children });
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

/** Body paragraph: label printed before the content; 2-character indent unless centred or right-aligned. */
function renderParagraph(block: ParagraphBlock, pageBreakBefore: boolean): Paragraph {
  const children = [...(block.label ? [textRun(block.label)] : []), ...inlineRuns(block.content)];
  const aligned = block.align === 'center' || block.align === 'right';
  return new Paragraph({
    style: aligned ? STYLE.normal : STYLE.body,
    ...(block.align ? { alignment: ALIGN[block.align] } : {}),
    pageBreakBefore,
    children,
  });
}

function renderNote(block: NoteBlock, pageBreakBefore: boolean): Paragraph {
  return new Paragraph({ style: STYLE.note, pageBreakBefore, children: inlineRuns(block.content) });
}
