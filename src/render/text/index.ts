/**
 * Plain-text rendering of the report tree: the golden-file form of the
 * narrative (one line per heading or paragraph, tables as "|" rows), and
 * what `juesuan render --format txt` writes.
 */
import { chartValueText } from '../../report/charts.js';
import type { RenderOptions, Renderer } from '../renderer.js';
import { inlineText, type Block, type ReportTree, type TableCell } from '../../report/tree.js';

function cells(row: TableCell[]): string {
  return `| ${row.map((c) => inlineText(c.content) + (c.colSpan && c.colSpan > 1 ? ` (跨${c.colSpan}列)` : '')).join(' | ')} |`;
}

function blockText(b: Block): string[] {
  switch (b.kind) {
    case 'heading':
      return ['', `${b.numbering}${b.level === 1 ? ' ' : ''}${b.text}`];
    case 'paragraph':
      return [`${b.label ?? ''}${inlineText(b.content)}`];
    case 'note':
      return [`注：${inlineText(b.content)}`];
    case 'pageBreak':
      return [];
    case 'chart':
      return [
        `【图】${b.title}（单位：${b.chart.unit}）`,
        ...b.chart.series.map((s) => `${s.name}：${b.chart.categories.map((c, i) => `${c} ${chartValueText(s.values[i] ?? '0')}`).join('；')}`),
      ];
    case 'table': {
      const lines = [`【表】${b.title}${b.number ? `（${b.number}）` : ''}`, `编制单位：${b.unitName}　金额单位：${b.moneyUnit}`];
      lines.push(...b.header.map(cells), ...b.body.map(cells));
      if (b.note) lines.push(`注：${inlineText(b.note)}`);
      return lines;
    }
  }
}

export function renderText(tree: ReportTree, options: RenderOptions = {}): string {
  const mark = options.draftMark ?? tree.meta.draftMark;
  const lines = [...(mark ? [mark] : []), ...tree.title, ...tree.blocks.flatMap(blockText)];
  return `${lines.join('\n')}\n`;
}

export const textRenderer: Renderer = {
  format: 'txt',
  extension: 'txt',
  render: async (tree, options) => new TextEncoder().encode(renderText(tree, options)),
};
