import type { Block } from '../../report/tree.js';

/**
 * Stable element ids. A heading's id comes from its numbering and text
 * (e.g. "sec-一-主要职责"), so links into a published report survive edits
 * elsewhere in it; a table's id comes from the table's own id. Repeats get
 * "-2", "-3" … in reading order, so the result is deterministic.
 */

const MAX_SLUG_CODE_POINTS = 48;

/** Letters and digits of any script, joined by "-"; full-width forms folded (NFKC). */
export function slug(text: string): string {
  const parts = text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((p) => p !== '');
  return Array.from(parts.join('-')).slice(0, MAX_SLUG_CODE_POINTS).join('').replace(/-+$/, '');
}

/** Hands out ids that are unique within one document. */
export class IdRegistry {
  private readonly taken = new Set<string>();

  constructor(reserved: readonly string[] = []) {
    for (const id of reserved) this.taken.add(id);
  }

  /** `base` itself when free, otherwise the first free `base-2`, `base-3` …. */
  claim(base: string): string {
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}-${n}`;
    this.taken.add(id);
    return id;
  }
}

/** Ids used by the page skeleton; reserved so block ids never collide with them. */
export const SKELETON_IDS = ['report-title', 'toc', 'toc-title', 'report'] as const;

/**
 * Ids for every heading and table, indexed like `blocks` ('' for other kinds).
 * Planned up front because the table of contents, at the top, links forward.
 */
export function planBlockIds(blocks: readonly Block[], registry: IdRegistry): string[] {
  return blocks.map((block) => {
    switch (block.kind) {
      case 'heading':
        return registry.claim(`sec-${slug(`${block.numbering} ${block.text}`) || 'heading'}`);
      case 'table':
        return registry.claim(`tbl-${slug(block.id) || 'table'}`);
      default:
        return '';
    }
  });
}
