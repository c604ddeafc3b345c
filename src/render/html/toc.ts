import type { Block } from '../../report/tree.js';
import { escapeHtml } from './escape.js';
import { headingContent } from './headings.js';

/** Heading levels listed in the table of contents (目录): parts and 一、 sections. */
const TOC_MAX_LEVEL = 2;

/**
 * The table of contents as a nested list of links. Level-2 headings nest
 * under the level-1 heading before them; any before the first level-1
 * heading sit at the top level. Empty string when there is nothing to list.
 *
 * `pages` (block id → printed page number, for print) adds a dot leader and
 * the page number to each entry; an entry whose id it lacks gets neither.
 */
export function renderToc(blocks: readonly Block[], blockIds: readonly string[], pages?: ReadonlyMap<string, string>): string {
  const items: string[] = [];
  let openChildren = false; // an <ol> of level-2 items is open inside the last level-1 <li>
  let openParent = false; // a level-1 <li> is open
  blocks.forEach((block, i) => {
    if (block.kind !== 'heading' || block.level > TOC_MAX_LEVEL) return;
    const id = blockIds[i] ?? '';
    const page = pages?.get(id);
    const content =
      page === undefined
        ? headingContent(block)
        : `<span class="toc-label">${headingContent(block)}</span><span class="toc-leader" aria-hidden="true"></span><span class="toc-page">${escapeHtml(page)}</span>`;
    const classes = [...(block.level === 1 ? ['toc-part'] : []), ...(page === undefined ? [] : ['toc-paged'])];
    const cls = classes.length > 0 ? ` class="${classes.join(' ')}"` : '';
    const link = `<a${cls} href="#${escapeHtml(id)}">${content}</a>`;
    if (block.level === 1) {
      if (openChildren) items.push('</ol>');
      if (openParent) items.push('</li>');
      items.push(`<li>${link}`);
      openParent = true;
      openChildren = false;
    } else if (openParent) {
      if (!openChildren) items.push('<ol>');
      items.push(`<li>${link}</li>`);
      openChildren = true;
    } else {
      items.push(`<li>${link}</li>`);
    }
  });
  if (items.length === 0) return '';
  if (openChildren) items.push('</ol>');
  if (openParent) items.push('</li>');
  return [
    '<nav class="toc" id="toc" aria-labelledby="toc-title">',
    '<p class="toc-title" id="toc-title">目录</p>',
    '<ol>',
    ...items,
    '</ol>',
    '</nav>',
  ].join('\n');
}
