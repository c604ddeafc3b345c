/**
 * A chart block → its title (表格标题 style: 黑体 小二, centred, kept with the
 * picture) and a centred PNG as wide as the 版心. Word needs a raster image
 * (stack.md pitfall 10), so charts are rasterised before the document is built.
 */
import { AlignmentType, ImageRun, LineRuleType, Paragraph, type FileChild } from 'docx';
import { chartPng } from '../../charts/png.js';
import { chartValueText } from '../../report/charts.js';
import type { Block, ChartBlock } from '../../report/tree.js';
import { textRun } from './inline.js';
import { STYLE } from './styles.js';
import { TEXT_WIDTH } from './units.js';

/** A rasterised chart and its drawing id (unique in the document, fixed for determinism). */
export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
  drawingId: number;
}

/** PNG pixel size from the IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || png.readUInt32BE(12) !== 0x49484452) throw new Error('chart image is not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Rasterises every chart block, in reading order. */
export async function rasteriseCharts(blocks: readonly Block[]): Promise<Map<ChartBlock, ChartImage>> {
  const charts = blocks.filter((b): b is ChartBlock => b.kind === 'chart');
  const pngs = await Promise.all(charts.map((c) => chartPng(c.chart)));
  return new Map(charts.map((c, i) => [c, { png: pngs[i]!, ...pngSize(pngs[i]!), drawingId: i + 1 }]));
}

/** The 版心 width in pixels (docx sizes images in 96 dpi pixels; 1 px = 15 twips). */
const TEXT_WIDTH_PX = Math.floor(TEXT_WIDTH / 15);

export function renderChart(block: ChartBlock, image: ChartImage, pageBreakBefore: boolean): FileChild[] {
  const width = TEXT_WIDTH_PX;
  const height = Math.round((width * image.height) / image.width);
  return [
    new Paragraph({ style: STYLE.tableCaption, pageBreakBefore, children: [textRun(block.title)] }),
    new Paragraph({
      style: STYLE.normal,
      alignment: AlignmentType.CENTER,
      // Auto line height: the body's exact 28.95 pt pitch would clip the picture to one line.
      spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 120 },
      keepLines: true,
      children: [
        new ImageRun({
          type: 'png',
          data: image.png,
          transformation: { width, height },
          altText: { id: String(image.drawingId), name: `chart-${block.id}`, title: block.title, description: altText(block) },
        }),
      ],
    }),
  ];
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
