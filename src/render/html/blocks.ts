import type { Block, ParagraphBlock } from '../../report/tree.js';
import { renderChart } from './chart.js';
import { escapeHtml } from './escape.js';
import { renderHeading } from './headings.js';
import type { IdRegistry } from './ids.js';
import { renderInlines } from './inline.js';
import { renderTable } from './tables.js';

/** The body blocks in reading order, one element per line. */
export function renderBlocks(blocks: readonly Block[], blockIds: readonly string[], ids: IdRegistry): string {
  return blocks.map((block, i) => renderBlock(block, blockIds[i] ?? '', ids)).join('\n');
}

function renderBlock(block: Block, id: string, ids: IdRegistry): string {
  switch (block.kind) {
    case 'heading':
      return renderHeading(block, id);
    case 'paragraph':
      return renderParagraph(block);
    case 'table':
      return renderTable(block, id, ids);
    case 'chart':
      return renderChart(block, ids);
    case 'note':
      return `<p class="note">${renderInlines(block.content)}</p>`;
    case 'pageBreak':
      return '<div class="page-break"></div>';
  }
}

function renderParagraph(paragraph: ParagraphBlock): string {
  const classes = ['para'];
  if (paragraph.align !== undefined) classes.push(`align-${paragraph.align}`);
  const label =
    paragraph.label !== undefined && paragraph.label !== ''
      ? `<span class="label">${escapeHtml(paragraph.label)}</span>`
      : '';
  return `<p class="${classes.join(' ')}">${label}${renderInlines(paragraph.content)}</p>`;
}
