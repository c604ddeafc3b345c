/**
 * HTML renderer: the report tree as one self-contained, printable,
 * phone-readable page whose figures carry their facts as data-* attributes.
 *
 * @example
 *   const html = renderHtml(tree, { draftMark: '草稿（未通过审核/待补充）' });
 */
import type { Renderer } from '../renderer.js';
import { renderHtml } from './document.js';

export { renderHtml, type HtmlRenderOptions } from './document.js';
export { DEFAULT_FONT_STACKS, type FontStacks } from './css.js';

export const htmlRenderer: Renderer = {
  format: 'html',
  extension: 'html',
  render: (tree, options) => Promise.resolve(new TextEncoder().encode(renderHtml(tree, options))),
};
