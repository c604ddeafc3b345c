import type { ReportTree } from '../../report/tree.js';
import type { RenderOptions } from '../renderer.js';
import { renderBlocks } from './blocks.js';
import { buildCss, type FontStacks } from './css.js';
import { escapeHtml } from './escape.js';
import { IdRegistry, SKELETON_IDS, planBlockIds } from './ids.js';
import { renderToc } from './toc.js';

export interface HtmlRenderOptions extends RenderOptions {
  /** Override font stacks, e.g. glyf-TTF faces first when printing to PDF with Chromium (stack.md pitfall 13). */
  fonts?: Partial<FontStacks>;
  /**
   * Page numbers for the 目录, by heading block id (as planned by planBlockIds):
   * the PDF renderer fills them in from a first printing. Without them the
   * 目录 is links only (a web page has no pages).
   */
  tocPages?: ReadonlyMap<string, string>;
}

/**
 * The whole report as one self-contained HTML5 page: inline CSS, no scripts,
 * no external resources. Pure string building, so it also runs in a browser.
 * The same tree and options always give the same bytes.
 */
export function renderHtml(tree: ReportTree, options: HtmlRenderOptions = {}): string {
  const titleLines = tree.title.length > 0 ? tree.title : [`${tree.meta.unitName}${tree.meta.year}年度决算`];
  const draftMark = options.draftMark ?? tree.meta.draftMark;
  const ids = new IdRegistry(SKELETON_IDS);
  const blockIds = planBlockIds(tree.blocks, ids);
  const toc = renderToc(tree.blocks, blockIds, options.tocPages);

  const mainAttrs = [
    'class="report"',
    'id="report"',
    `data-unit-name="${escapeHtml(tree.meta.unitName)}"`,
    `data-year="${escapeHtml(String(tree.meta.year))}"`,
    `data-profile="${escapeHtml(tree.meta.profile)}"`,
  ];
  if (tree.meta.date !== undefined) mainAttrs.push(`data-date="${escapeHtml(tree.meta.date)}"`);

  const parts: string[] = [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="juesuan">',
    `<title>${escapeHtml(titleLines.join(''))}</title>`,
    `<style>\n${buildCss(options.fonts)}</style>`,
    '</head>',
    '<body>',
  ];
  if (draftMark !== undefined && draftMark !== '') {
    // The banner says it once at the top; the fixed mark is drawn on every printed page.
    parts.push(`<p class="draft-banner" role="note">${escapeHtml(draftMark)}</p>`);
    parts.push(`<div class="draft-mark" aria-hidden="true">${escapeHtml(draftMark)}</div>`);
  }
  parts.push(
    '<header class="report-header">',
    `<h1 id="report-title">${titleLines.map((line) => `<span class="title-line">${escapeHtml(line)}</span>`).join('')}</h1>`,
    '</header>',
  );
  if (toc !== '') parts.push(toc);
  parts.push(`<main ${mainAttrs.join(' ')}>`);
  if (tree.blocks.length > 0) parts.push(renderBlocks(tree.blocks, blockIds, ids));
  parts.push('</main>', '</body>', '</html>', '');
  return parts.join('\n');
}
