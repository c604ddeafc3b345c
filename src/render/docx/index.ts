/**
 * DOCX renderer: the report tree as a Word document laid out per GB/T
 * 9704-2012 (A4, 37/28/26/35 mm margins, 仿宋_GB2312 三号 body on a 28.95 pt
 * pitch, 方正小标宋简体 title, 黑体/楷体/仿宋 headings as real Heading 1–5
 * styles, "— 1 —" page numbers). The output is deterministic for a given tree.
 */
import { Document, Packer, PageOrientation } from 'docx';
import type { Block, ReportTree } from '../../report/tree.js';
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
    // Landscape tables get a landscape section each; everything else flows in portrait sections.
    sections: splitByOrientation(tree.blocks).map((run, i) => ({
      properties: {
        page: {
          size: run.landscape
            ? { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE } // docx swaps the sides itself
            : { width: PAGE.width, height: PAGE.height },
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
      children: [...(i === 0 ? renderTitle(tree.title) : []), ...renderBlocks(run.blocks, charts)],
    })),
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

/** Consecutive blocks that share a page orientation (a landscape table stands alone). */
export function splitByOrientation(blocks: readonly Block[]): { landscape: boolean; blocks: Block[] }[] {
  const runs: { landscape: boolean; blocks: Block[] }[] = [];
  for (const b of blocks) {
    const landscape = b.kind === 'table' && b.orientation === 'landscape';
    const last = runs[runs.length - 1];
    if (!landscape && last && !last.landscape) last.blocks.push(b);
    else runs.push({ landscape, blocks: [b] });
  }
  // A page break just before a new section is the section break itself.
  for (const r of runs) while (r.blocks.length > 0 && r.blocks[r.blocks.length - 1]!.kind === 'pageBreak' && r !== runs[runs.length - 1]) r.blocks.pop();
  const kept = runs.filter((r) => r.blocks.length > 0);
  // The title page needs a section even when the body is empty.
  return kept.length > 0 ? kept : [{ landscape: false, blocks: [] }];
}
