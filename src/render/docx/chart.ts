/**
 * A chart block → its title (表格标题 style: 黑体 小二, centred, kept with the
 * chart) and a centred native Word chart as wide as the 版心, with the SVG
 * chart's proportions (chartPart.ts writes the chart itself).
 */
import { chartSize } from '../../charts/svg.js';
import { chartValueText } from '../../report/charts.js';
import type { ChartBlock } from '../../report/tree.js';
import { textRun } from './inline.js';
import { paragraph, pPr } from './props.js';
import { STYLE } from './styles.js';
import { TEXT_WIDTH } from './units.js';
import { escapeAttr, NS } from './xml.js';

/** A chart's place in the package: its relationship id and its drawing id (unique in the document). */
export interface ChartRef {
  relId: string;
  drawingId: number;
}

/** English Metric Units per twip (914400 per inch, 1440 twips per inch). */
const EMU_PER_TWIP = 635;
/** The 版心 width in 96 dpi pixels (1 px = 15 twips), the unit Word sizes pictures in. */
const TEXT_WIDTH_PX = Math.floor(TEXT_WIDTH / 15);

export function renderChart(block: ChartBlock, ref: ChartRef, pageBreakBefore: boolean): string {
  const size = chartSize(block.chart);
  const cx = TEXT_WIDTH_PX * 15 * EMU_PER_TWIP;
  const cy = Math.round((TEXT_WIDTH_PX * size.height) / size.width) * 15 * EMU_PER_TWIP;
  const drawing =
    '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">' +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>` +
    `<wp:docPr id="${ref.drawingId}" name="chart-${escapeAttr(block.id)}" descr="${escapeAttr(altText(block))}" title="${escapeAttr(block.title)}"/>` +
    '<wp:cNvGraphicFramePr/>' +
    `<a:graphic xmlns:a="${NS.a}"><a:graphicData uri="${NS.c}"><c:chart xmlns:c="${NS.c}" r:id="${ref.relId}"/></a:graphicData></a:graphic>` +
    '</wp:inline></w:drawing></w:r>';
  return (
    paragraph({ style: STYLE.tableCaption, pageBreakBefore }, textRun(block.title)) +
    // Auto line height: the body's exact 28.95 pt pitch would clip the chart to one line.
    `<w:p>${pPr({ style: STYLE.normal, keepLines: true, spacing: { before: 0, after: 120, line: 240, lineRule: 'auto' }, align: 'center' })}${drawing}</w:p>`
  );
}

/** The chart's data in words, for screen readers and for Word's alt text. */
function altText(block: ChartBlock): string {
  const { chart } = block;
  const series = chart.series.map((s) => {
    const points = chart.categories.map((c, i) => `${c}${chartValueText(s.values[i] ?? '0')}`).join('，');
    return chart.type === 'pie' ? points : `${s.name}：${points}`;
  });
  return `${block.title}（单位：${chart.unit}）：${series.join('；')}`;
}
