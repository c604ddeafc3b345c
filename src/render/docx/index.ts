/**
 * DOCX renderer: the report tree as a Word document laid out per GB/T
 * 9704-2012 (A4, 37/28/26/35 mm margins, 仿宋_GB2312 三号 body on a 28.95 pt
 * pitch, 方正小标宋简体 title, 黑体/楷体/仿宋 headings as real Heading 1–5
 * styles, "— 1 —" page numbers, charts as native Word charts with their
 * data embedded as a workbook). The WordprocessingML is written directly as
 * strings (xml.ts says why); the output is deterministic for a given tree.
 */
import type { Block, ChartBlock, ReportTree } from '../../report/tree.js';
import { REL as PACKAGE_REL } from '../ooxml/package.js';
import { zip, type ZipEntry } from '../ooxml/zip.js';
import type { Renderer, RenderOptions } from '../renderer.js';
import { chartDataWorkbook } from '../xlsx/chartData.js';
import { renderBlocks, renderTitle } from './blocks.js';
import type { ChartRef } from './chart.js';
import { chartPartXml, chartTable } from './chartPart.js';
import { APP_XML, contentTypesXml, coreXml, PACKAGE_RELS, relationshipsXml, SETTINGS_XML, type Relationship } from './package.js';
import { pageFurniture } from './pageFurniture.js';
import { estimatePages, frontMatterHeight, PORTRAIT_HEIGHT } from './estimate.js';
import { STYLES_XML } from './styles.js';
import { renderToc, tocEntries } from './toc.js';
import { MARGIN, PAGE } from './units.js';
import { NS, REL, XML_DECLARATION } from './xml.js';

export async function renderDocx(tree: ReportTree, options: RenderOptions = {}): Promise<Uint8Array> {
  const furniture = pageFurniture(options.draftMark ?? tree.meta.draftMark);
  const charts = tree.blocks.filter((b): b is ChartBlock => b.kind === 'chart');
  const rels: Relationship[] = [
    { id: 'rId1', type: PACKAGE_REL.styles, target: 'styles.xml' },
    { id: 'rId2', type: REL.settings, target: 'settings.xml' },
  ];
  const furnitureRefs = furniture
    .map((f) => {
      const id = `rId${rels.length + 1}`;
      rels.push({ id, type: REL[f.kind], target: f.name });
      return `<w:${f.kind}Reference w:type="${f.type}" r:id="${id}"/>`;
    })
    .join('');
  const chartRefs = new Map<ChartBlock, ChartRef>();
  charts.forEach((chart, i) => {
    const id = `rId${rels.length + 1}`;
    rels.push({ id, type: REL.chart, target: `charts/chart${i + 1}.xml` });
    chartRefs.set(chart, { relId: id, drawingId: i + 1 });
  });

  // Landscape tables get a landscape section each; everything else flows in portrait sections.
  // The first section names the headers and footers; the later ones inherit them.
  const sections = splitByOrientation(tree.blocks);
  // The 目录 follows the title on the first page; the body starts on a new page after it.
  const entries = tocEntries(tree.blocks);
  const entryOf = new Map(entries.map((e) => [tree.blocks[e.index]!, e]));
  const title = renderTitle(tree.title);
  const front = frontMatterHeight(title.length > 0 ? tree.title.length : 0, entries.map((e) => e.text), entries.map((e) => e.level > 1));
  const estimated = estimatePages(sections, entries.length > 0 ? { page: Math.ceil(front / PORTRAIT_HEIGHT) + 1, used: 0 } : { page: 1, used: front });
  const toc = renderToc(entries, new Map(entries.map((e) => [e.bookmark, estimated.get(tree.blocks[e.index]!) ?? 1])));
  let body = '';
  sections.forEach((run, i) => {
    const elements = [
      ...(i === 0 ? [...title, ...(toc === '' ? [] : [toc])] : []),
      ...renderBlocks(run.blocks, chartRefs, { toc: entryOf, breakFirst: i === 0 && toc !== '' }),
    ];
    const section = sectPr(run.landscape, i === 0 ? furnitureRefs : '');
    body += i === sections.length - 1 ? elements.join('') + section : endSection(elements, section);
  });
  const documentXml = `${XML_DECLARATION}<w:document xmlns:w="${NS.w}" xmlns:r="${NS.r}" xmlns:wp="${NS.wp}"><w:body>${body}</w:body></w:document>`;

  return zip([
    { name: '[Content_Types].xml', data: contentTypesXml(furniture, charts.length) },
    { name: '_rels/.rels', data: PACKAGE_RELS },
    { name: 'docProps/core.xml', data: coreXml(tree) },
    { name: 'docProps/app.xml', data: APP_XML },
    { name: 'word/document.xml', data: documentXml },
    { name: 'word/_rels/document.xml.rels', data: relationshipsXml(rels) },
    { name: 'word/styles.xml', data: STYLES_XML },
    { name: 'word/settings.xml', data: SETTINGS_XML },
    ...furniture.map((f) => ({ name: `word/${f.name}`, data: f.xml })),
    ...charts.flatMap((c, i) => chartParts(c, i + 1)),
  ]);
}

export const docxRenderer: Renderer = {
  format: 'docx',
  extension: 'docx',
  render: renderDocx,
};

/** A chart's part, its embedded workbook (the data Word's "Edit Data" opens) and the relationship between them. */
function chartParts(block: ChartBlock, n: number): ZipEntry[] {
  const workbook = `Microsoft_Excel_Worksheet${n}.xlsx`;
  return [
    { name: `word/charts/chart${n}.xml`, data: chartPartXml(block.chart, 'rId1') },
    { name: `word/charts/_rels/chart${n}.xml.rels`, data: relationshipsXml([{ id: 'rId1', type: REL.package, target: `../embeddings/${workbook}` }]) },
    { name: `word/embeddings/${workbook}`, data: chartDataWorkbook(chartTable(block.chart), block.title) },
  ];
}

/** A section's page: A4 portrait or landscape, the GB/T 9704 margins. */
function sectPr(landscape: boolean, references: string): string {
  const [w, h] = landscape ? [PAGE.height, PAGE.width] : [PAGE.width, PAGE.height];
  return (
    `<w:sectPr>${references}<w:pgSz w:w="${w}" w:h="${h}"${landscape ? ' w:orient="landscape"' : ''}/>` +
    `<w:pgMar w:top="${MARGIN.top}" w:right="${MARGIN.right}" w:bottom="${MARGIN.bottom}" w:left="${MARGIN.left}" w:header="${MARGIN.header}" w:footer="${MARGIN.footer}" w:gutter="0"/>` +
    '<w:docGrid w:linePitch="360"/></w:sectPr>'
  );
}

/**
 * A section other than the last ends in its last paragraph's properties, as
 * Word writes it; after a table (or with no content) that takes a paragraph of its own.
 */
function endSection(elements: readonly string[], section: string): string {
  const xml = elements.join('');
  if (!xml.endsWith('</w:p>')) return `${xml}<w:p><w:pPr>${section}</w:pPr></w:p>`;
  // The last paragraph holds runs only, so its start is the last "<w:p>".
  const start = xml.lastIndexOf('<w:p>');
  const head = xml.slice(0, start + 5);
  const rest = xml.slice(start + 5);
  if (!rest.startsWith('<w:pPr>')) return `${head}<w:pPr>${section}</w:pPr>${rest}`;
  const close = rest.indexOf('</w:pPr>');
  return head + rest.slice(0, close) + section + rest.slice(close);
}

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
