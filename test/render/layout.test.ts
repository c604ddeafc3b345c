/**
 * Page layout of the printed reports, read back page by page: no page holds
 * only furniture (the page number, the draft mark), the 目录 gives the page
 * each listed heading is really on, a table that fits a page is not split,
 * and the DOCX, laid out by LibreOffice, has a filled 目录 and about as many
 * pages as the Chromium PDF.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findProfile, PROFILES } from '../../src/profiles/index.js';
import { docxToPdfAndPng, findOnPath } from '../../src/render/docx/preview.js';
import { renderDocx } from '../../src/render/docx/index.js';
import { chromiumPath, createPdfRenderer, type PdfRenderer } from '../../src/render/pdf/index.js';
import { buildReport } from '../../src/report/build.js';
import type { HeadingBlock, ReportTree, TableCell } from '../../src/report/tree.js';
import { parseDataset } from '../../src/model/index.js';
import { synthYaml } from '../../src/synth/index.js';
import { EXAMPLES, loadExample } from '../examples.js';

const haveChromium = existsSync(chromiumPath()) || process.env.CI === 'true';
const haveLibreOffice = Boolean(findOnPath(['libreoffice', 'soffice']) && findOnPath(['pdftoppm']) && findOnPath(['pdftotext']));

const DRAFT = '草稿（未通过审核）';

/** Each page's text (pdftotext's pages, split at form feeds), whitespace removed. */
function pagesOf(file: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages = text.split('\f');
  // pdftotext ends the last page with a form feed too.
  if (pages[pages.length - 1]!.trim() === '') pages.pop();
  return pages.map((p) => p.replace(/\s+/g, ''));
}

/** A page's text without its furniture: the page number "— n —" and the draft mark. */
function withoutFurniture(page: string): string {
  return page.replace(/—\d+—/g, '').split(DRAFT).join('');
}

/** The headings the 目录 lists (levels 1–2), as printed without spaces. */
function listed(tree: ReportTree): string[] {
  return tree.blocks
    .filter((b): b is HeadingBlock => b.kind === 'heading' && b.level <= 2)
    .map((h) => `${h.numbering}${h.text}`.replace(/\s+/g, ''));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The page number the 目录 gives each listed heading, read in order from the
 * 目录's pages: the heading's text, then (a dot leader, for Word) the number.
 */
function tocNumbers(pages: readonly string[], headings: readonly string[]): number[] {
  const toc = pages.join('');
  let from = toc.indexOf('目录');
  expect(from).toBeGreaterThanOrEqual(0);
  return headings.map((h) => {
    const m = new RegExp(`${escape(h)}[.…·]*(\\d+)`, 'u').exec(toc.slice(from));
    if (!m) throw new Error(`目录 has no page number for ${h}`);
    from += m.index + m[0].length;
    return Number(m[1]);
  });
}

/** The page (1-based) each heading is printed on: the first page after `after` holding its text, in order. */
/** Whether a page sets heading `h`, not just names it: the narrative's pointers ("见第四部分附件", "《附件1…》") do not count. */
const setsHeading = (page: string, h: string) => new RegExp(`(?<![见《“])${escape(h)}`, 'u').test(page);

function headingPages(pages: readonly string[], headings: readonly string[], after: number): number[] {
  let page = after + 1;
  return headings.map((h) => {
    while (page <= pages.length && !setsHeading(pages[page - 1]!, h)) page++;
    if (page > pages.length) throw new Error(`heading ${h} not found after page ${after}`);
    return page;
  });
}

/** How many leading pages hold the title and 目录: through the first page naming the last listed heading (the 目录 comes first). */
function tocPageCount(pages: readonly string[], headings: readonly string[]): number {
  return headingPages(pages, headings.slice(-1), 0)[0]!;
}

interface Doc {
  name: string;
  tree: ReportTree;
}

function synthTree(seed: number, i: number): Doc {
  const d = parseDataset(synthYaml(seed, i), `synth-${seed}-${i}.yaml`);
  return { name: `synth-${seed}-${i}`, tree: buildReport(d, findProfile(d.profile ?? 'sichuan')!) };
}

const DOCS: Doc[] = [
  ...EXAMPLES.map((name) => ({ name, tree: buildReport(loadExample(name), PROFILES.sichuan!) })),
  synthTree(11, 0),
  synthTree(11, 3),
];

/** A paragraph taking most of the first page, then a 20-row table that fits a page but not the room left under it. */
const FITS_ROW = (i: number): TableCell[] => [{ content: [`行${i}项目`] }, { content: [`${i}.00`], align: 'right' }, { content: [`${i * 2}.00`], align: 'right' }];
const FITS_TREE: ReportTree = {
  title: ['表格分页测试'],
  meta: { unitName: '测试单位', year: 2022, profile: 'sichuan' },
  blocks: [
    { kind: 'paragraph', content: ['本单位严格执行预算，规范资金使用，按照规定公开决算信息。'.repeat(12)] },
    {
      kind: 'table',
      id: 'fits',
      title: '一页可容纳的表',
      unitName: '测试单位',
      moneyUnit: '万元',
      header: [[{ content: ['项目'] }, { content: ['金额一'] }, { content: ['金额二'] }]],
      body: Array.from({ length: 20 }, (_, i) => FITS_ROW(i + 1)),
    },
  ],
};

/** The table of FITS_TREE is on one page, not the paragraph's, with its title. */
function expectTableOnOnePage(pages: readonly string[]): void {
  const first = pages.findIndex((p) => p.includes('行1项目'));
  const last = pages.findIndex((p) => p.includes('行20项目'));
  expect(first).toBeGreaterThanOrEqual(0);
  expect(last).toBe(first);
  expect(pages.findIndex((p) => p.includes('按照规定公开决算信息'))).toBeLessThan(first);
  expect(pages[first]).toContain('一页可容纳的表');
}

let dir = '';
let renderer: PdfRenderer | undefined;
const pdfPages = new Map<string, string[]>();

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'juesuan-layout-'));
});
afterAll(async () => {
  await renderer?.close();
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

async function printed(doc: Doc): Promise<string[]> {
  const cached = pdfPages.get(doc.name);
  if (cached) return cached;
  renderer ??= await createPdfRenderer({ pages: 1 });
  const file = path.join(dir, `${doc.name}.pdf`);
  await writeFile(file, await renderer.render(doc.tree));
  const pages = pagesOf(file);
  pdfPages.set(doc.name, pages);
  return pages;
}

describe.skipIf(!haveChromium)('PDF layout', () => {
  for (const doc of DOCS) {
    it(`${doc.name}: every page holds text beyond the page number and draft mark`, async () => {
      const pages = await printed(doc);
      expect(pages.length).toBeGreaterThan(3);
      const bare = pages.flatMap((p, i) => (withoutFurniture(p) === '' ? [i + 1] : []));
      expect(bare).toEqual([]);
    });

    it(`${doc.name}: the 目录 gives the page each part and section heading is printed on`, async () => {
      const pages = await printed(doc);
      const headings = listed(doc.tree);
      const numbers = tocNumbers(pages, headings);
      const actual = headingPages(pages, headings, tocPageCount(pages, headings));
      expect(numbers).toEqual(actual);
      // The numbers count the printed pages: the footer of each heading's page says the same.
      for (const n of numbers) expect(pages[n - 1]).toContain(`—${n}—`);
    });
  }

  it('keeps a table that fits a page on one page, moving it whole to the next page', async () => {
    expectTableOnOnePage(await printed({ name: 'table-fits', tree: FITS_TREE }));
  });
});

/**
 * The DOCX's page numbers are written by us before any word processor lays
 * the document out (an estimate, render/docx/estimate.ts): LibreOffice
 * shows them as written. Each must be within one page of where LibreOffice
 * puts the heading, and most must be exact.
 */
const DOCX_TOC_TOLERANCE = 1;
/** LibreOffice's pages against Chromium's for the same report: within this share of Chromium's count. */
const PAGE_COUNT_TOLERANCE = 0.15;

describe.skipIf(!haveLibreOffice || !haveChromium)('DOCX layout through LibreOffice', () => {
  for (const doc of DOCS.slice(0, 3)) {
    it(`${doc.name}: a filled 目录 within ${DOCX_TOC_TOLERANCE} page of each heading, no furniture-only page, about the PDF's page count`, async () => {
      const file = path.join(dir, `${doc.name}.docx`);
      await writeFile(file, await renderDocx(doc.tree));
      const { pdf } = await docxToPdfAndPng(file, path.join(dir, `lo-${doc.name}`));
      const pages = pagesOf(pdf);

      const bare = pages.flatMap((p, i) => (withoutFurniture(p) === '' ? [i + 1] : []));
      expect(bare).toEqual([]);

      const headings = listed(doc.tree);
      const numbers = tocNumbers(pages, headings);
      const actual = headingPages(pages, headings, tocPageCount(pages, headings));
      const off = numbers.map((n, i) => Math.abs(n - actual[i]!));
      expect(Math.max(...off)).toBeLessThanOrEqual(DOCX_TOC_TOLERANCE);
      expect(off.filter((d) => d === 0).length).toBeGreaterThanOrEqual(Math.ceil(headings.length * 0.75));

      const chromium = (await printed(doc)).length;
      expect(Math.abs(pages.length - chromium)).toBeLessThanOrEqual(Math.ceil(chromium * PAGE_COUNT_TOLERANCE));
    });
  }

  it('keeps a table that fits a page on one page, moving it whole to the next page', async () => {
    const file = path.join(dir, 'table-fits.docx');
    await writeFile(file, await renderDocx(FITS_TREE));
    const { pdf } = await docxToPdfAndPng(file, path.join(dir, 'lo-table-fits'));
    expectTableOnOnePage(pagesOf(pdf));
  });
});
