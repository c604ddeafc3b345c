import type { HeadingBlock } from '../../report/tree.js';
import { escapeHtml } from './escape.js';

/** Report heading level 1 (第一部分 part) … 5 (（1）) → h2 … h6; h1 is the report title. */
export function headingTag(level: HeadingBlock['level']): 'h2' | 'h3' | 'h4' | 'h5' | 'h6' {
  return (['h2', 'h3', 'h4', 'h5', 'h6'] as const)[level - 1] ?? 'h6';
}

/** Generated numbering in its own span (styled apart), then the text. */
export function headingContent(heading: HeadingBlock): string {
  const number = heading.numbering === '' ? '' : `<span class="heading-number">${escapeHtml(heading.numbering)}</span>`;
  return `${number}${escapeHtml(heading.text)}`;
}

export function renderHeading(heading: HeadingBlock, id: string): string {
  const tag = headingTag(heading.level);
  return `<${tag} id="${escapeHtml(id)}">${headingContent(heading)}</${tag}>`;
}
