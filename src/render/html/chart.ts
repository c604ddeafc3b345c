import { chartShares, chartValueText } from '../../report/charts.js';
import { chartSvg } from '../../charts/svg.js';
import type { ChartBlock } from '../../report/tree.js';
import { escapeHtml, sanitizeText } from './escape.js';
import { slug, type IdRegistry } from './ids.js';

/*
 * Styles live inline here so charts need no change to the shared stylesheet:
 * the figure keeps its title with the picture on a printed page, the picture
 * scales down on a phone, and the data table is visually hidden but read out
 * by screen readers (and kept for text extraction).
 */
const FIGURE_STYLE = 'margin: 1em 0 1.25em; break-inside: avoid; page-break-inside: avoid;';
const IMAGE_STYLE = 'max-width: 100%; height: auto; display: block; margin: 0 auto;';
const HIDDEN_STYLE =
  'position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap;';

/**
 * A chart block → <figure class="chart">: the title as <figcaption> (styled
 * like a table title), the chart as inline SVG labelled by that title, and a
 * visually hidden <table> of the same data for assistive technology.
 */
export function renderChart(block: ChartBlock, ids: IdRegistry): string {
  const base = `chart-${slug(block.id) || 'chart'}`;
  const id = ids.claim(base);
  const titleId = ids.claim(`${id}-title`);
  const lines: string[] = [];
  lines.push(`<figure class="chart" id="${escapeHtml(id)}" style="${FIGURE_STYLE}">`);
  lines.push(`<figcaption class="chart-title table-title" id="${escapeHtml(titleId)}">${escapeHtml(block.title)}</figcaption>`);
  lines.push(inlineSvg(block, id, titleId));
  lines.push(dataTable(block));
  lines.push('</figure>');
  return lines.join('\n');
}

/**
 * The standalone SVG made fit for an HTML page: the namespace declarations go
 * (the HTML parser puts <svg> in the SVG namespace itself), the fixed size
 * gives way to the viewBox, and the picture is named by the figure's title.
 */
function inlineSvg(block: ChartBlock, id: string, titleId: string): string {
  const svg = sanitizeText(chartSvg(block.chart, { idPrefix: id }));
  const open = /^<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('chart renderer returned no <svg> element');
  const viewBox = /\sviewBox="([^"]*)"/.exec(open[0])?.[1];
  const width = /\swidth="([^"]*)"/.exec(open[0])?.[1];
  const attrs = [
    `class="chart-image"`,
    ...(width !== undefined ? [`width="${escapeHtml(width)}"`] : []),
    ...(viewBox !== undefined ? [`viewBox="${escapeHtml(viewBox)}"`] : []),
    'role="img"',
    `aria-labelledby="${escapeHtml(titleId)}"`,
    `style="${IMAGE_STYLE}"`,
  ];
  return `<svg ${attrs.join(' ')}>${svg.slice(open[0].length)}`;
}

function dataTable(block: ChartBlock): string {
  const { chart } = block;
  const pie = chart.type === 'pie';
  const shares = pie && chart.series[0] ? chartShares(chart.series[0].values) : [];
  const head = [
    '项目',
    ...chart.series.map((s) => (pie ? `金额（${chart.unit}）` : `${s.name}（${chart.unit}）`)),
    ...(pie ? ['占比（%）'] : []),
  ];
  const lines: string[] = [];
  // The wrapper does the hiding: a table ignores width and overflow.
  lines.push(`<div class="chart-data" style="${HIDDEN_STYLE}">`);
  lines.push('<table>');
  lines.push(`<caption>${escapeHtml(block.title)}</caption>`);
  lines.push(`<thead><tr>${head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`);
  lines.push('<tbody>');
  chart.categories.forEach((category, i) => {
    const cells = chart.series.map((s) => `<td class="num">${escapeHtml(valueText(s.values[i]))}</td>`);
    if (pie) cells.push(`<td class="num">${escapeHtml(shares[i] ?? '')}</td>`);
    lines.push(`<tr><th scope="row">${escapeHtml(category)}</th>${cells.join('')}</tr>`);
  });
  lines.push('</tbody>');
  lines.push('</table>');
  lines.push('</div>');
  return lines.join('\n');
}

function valueText(v: string | undefined): string {
  return v === undefined ? '' : chartValueText(v);
}
