/**
 * DOCX renderer: the report tree as a Word document laid out per GB/T
 * 9704-2012 (A4, 37/28/26/35 mm margins, 仿宋_GB2312 三号 body on a 28.95 pt
 * pitch, 方正小标宋简体 title, 黑体/楷体/仿宋 headings as real Heading 1–5
 * styles, "— 1 —" page numbers). The output is deterministic for a given tree.
 */
import { Document, Packer } from 'docx';
import type { ReportTree } from '../../report/tree.js';
import type { Renderer, RenderOptions } from '../renderer.js';
import { renderBlocks, renderTitle } from './blocks.js';
import { rasteriseCharts } from './chart.js';
import { coreXml, pinZipTimestamps } from './deterministic.js';
import { pageFurniture } from './pageFurniture.js';
import { documentStyles } from './styles.js';
import { MARGIN, PAGE } from './units.js';

export async function renderDocx(tree: ReportTree, options: RenderOptions = {}): Promise<Uint8Array> {
  const draftMark = options.draftMark ?? tree.meta.draftMark;
  // Word needs raster pictures; sharp is asynchronous, so charts are drawn first.
  const charts = await rasteriseCharts(tree.blocks);
  const doc = new Document({
    // docProps/core.xml is replaced below (deterministic); see deterministic.ts.
    creator: 'juesuan',
    styles: documentStyles,
    evenAndOddHeaderAndFooters: true,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: MARGIN.top,
              bottom: MARGIN.bottom,
              left: MARGIN.left,
              right: MARGIN.right,
              header: MARGIN.header,
              footer: MARGIN.footer,
              gutter: 0,
            },
          },
        },
        ...pageFurniture(draftMark),
        children: [...renderTitle(tree.title), ...renderBlocks(tree.blocks, charts)],
      },
    ],
  });
  const packed = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: coreXml(tree) }]);
  const bytes = new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength);
  return pinZipTimestamps(bytes);
}

export const docxRenderer: Renderer = {
  format: 'docx',
  extension: 'docx',
  render: renderDocx,
};
