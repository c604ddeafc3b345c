import type { TableBlock, TableCell } from '../../report/tree.js';
import { escapeHtml } from './escape.js';
import type { IdRegistry } from './ids.js';
import { renderInlines } from './inline.js';

/**
 * A table block → <figure class="table">: a caption block (公开XX表 number,
 * title, 编制单位 unit name, 金额单位 money unit), a real <table> whose header
 * rows sit in <thead> (repeated on every printed page) and whose body rows
 * start with a row header, and the note under it. The table is wrapped in a
 * focusable scroll region so wide tables scroll sideways on a phone.
 */
export function renderTable(table: TableBlock, id: string, ids: IdRegistry): string {
  const titleId = ids.claim(`${id}-title`);
  const lines: string[] = [];
  // The figcaption names the figure; the table and its scroll region point at the title.
  lines.push(`<figure class="table" id="${escapeHtml(id)}">`);
  lines.push('<figcaption class="table-caption">');
  if (table.number !== undefined && table.number !== '') {
    lines.push(`<p class="table-number">${escapeHtml(table.number)}</p>`);
  }
  lines.push(`<p class="table-title" id="${escapeHtml(titleId)}">${escapeHtml(table.title)}</p>`);
  lines.push(
    '<p class="table-meta">' +
      `<span class="table-unit">编制单位：${escapeHtml(table.unitName)}</span>` +
      `<span class="table-money-unit">金额单位：${escapeHtml(table.moneyUnit)}</span>` +
      '</p>',
  );
  lines.push('</figcaption>');
  lines.push(`<div class="table-scroll" role="region" aria-labelledby="${escapeHtml(titleId)}" tabindex="0">`);
  lines.push(`<table aria-labelledby="${escapeHtml(titleId)}">`);
  if (table.header.length > 0) {
    lines.push('<thead>');
    for (const row of table.header) {
      lines.push(`<tr>${row.map((cell) => renderCell(cell, 'th', 'col')).join('')}</tr>`);
    }
    lines.push('</thead>');
  }
  lines.push('<tbody>');
  for (const row of table.body) {
    const cells = row.map((cell, i) => (i === 0 ? renderCell(cell, 'th', 'row') : renderCell(cell, 'td')));
    lines.push(`<tr>${cells.join('')}</tr>`);
  }
  lines.push('</tbody>');
  lines.push('</table>');
  lines.push('</div>');
  if (table.note !== undefined && table.note.length > 0) {
    lines.push(`<p class="table-note">${renderInlines(table.note)}</p>`);
  }
  lines.push('</figure>');
  return lines.join('\n');
}

const ALIGN_CLASS = { left: 'left', center: 'center', right: 'num' } as const;

function renderCell(cell: TableCell, tag: 'th' | 'td', scope?: 'col' | 'row'): string {
  const attrs: string[] = [];
  if (scope !== undefined) attrs.push(`scope="${scope}"`);
  if (cell.colSpan !== undefined && cell.colSpan > 1) attrs.push(`colspan="${spanValue(cell.colSpan, 1000)}"`);
  if (cell.rowSpan !== undefined && cell.rowSpan > 1) attrs.push(`rowspan="${spanValue(cell.rowSpan, 65534)}"`);
  if (cell.align !== undefined) attrs.push(`class="${ALIGN_CLASS[cell.align]}"`);
  const open = attrs.length > 0 ? `<${tag} ${attrs.join(' ')}>` : `<${tag}>`;
  return `${open}${renderInlines(cell.content)}</${tag}>`;
}

/** HTML caps colspan at 1000 and rowspan at 65534; spans must be whole numbers. */
function spanValue(n: number, max: number): number {
  return Math.min(max, Math.trunc(n));
}
