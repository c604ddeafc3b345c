/**
 * PDF renderer: the HTML page (src/render/html) printed by a headless Chromium
 * through playwright-core. One browser per renderer, so batch rendering pays
 * the browser launch once, and a small pool of reused pages in it, so a
 * few documents can print at the same time (option `pages`). Node-only.
 *
 * Layout: A4 with the GB/T 9704-2012 margins (top 37, right 26, bottom 35,
 * left 28 mm, the @page rule of the HTML stylesheet) and "— n —" page
 * numbers centred in the bottom margin (PAGE_NUMBER_CSS). The 目录 carries
 * each heading's page number, read from a first printing (printWithTocPages).
 *
 * Fonts: glyf-outline TrueType faces come first (stack.md pitfall 13).
 * Chromium embeds them as CID TrueType, so text extracts cleanly; the Noto
 * CJK faces (CFF in a TTC) would be drawn as Type 3 glyphs. Each document
 * gets those faces cut down to its characters (subset.ts), served beside
 * the page by a loopback HTTP server: Chromium's printing handled each
 * 17–21 MB face whole in every printing, ~0.6 s of CPU per face.
 *
 * The browser and its pages (HtmlPrinter, launchHtmlPrinter) are apart from
 * the 目录 passes (pdfRendererOn), so one process can own the browser and
 * others print through it: a batch's workers send HTML to the main thread's
 * printer (src/batch/print.ts) instead of each launching a Chromium.
 * playwright-core is loaded when a browser is launched, not with this module.
 *
 * @example
 *   const pdf = await createPdfRenderer();
 *   try {
 *     for (const tree of trees) await writeFile(name(tree), await pdf.render(tree));
 *   } finally {
 *     await pdf.close();
 *   }
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ReportTree } from '../../report/tree.js';
import { renderHtml, type FontStacks } from '../html/index.js';
import { escapeHtml } from '../html/escape.js';
import { IdRegistry, SKELETON_IDS, planBlockIds } from '../html/ids.js';
import type { Renderer, RenderOptions } from '../renderer.js';
import { destinationPages } from './destinations.js';
import { printFonts } from './subset.js';

/** Where Debian's `chromium` package puts the browser. */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** config/fonts.conf of this package (three folders up from src/render/pdf or dist/render/pdf). */
export const FONTS_CONF = fileURLToPath(new URL('../../../config/fonts.conf', import.meta.url));

/** Flags that work for the Debian build in a container (stack.md pitfall 19). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/**
 * Print font rules. UMing and UKai are single-weight: Chromium would fake
 * their bold, and a faked-bold glyph lands in the PDF as a Type 3 font. So
 * bold text (1. headings, table headers, gaps, <strong>) is set in WenQuanYi
 * Zen Hei at its own weight, whose strokes are heavy enough to read as bold,
 * and `font-synthesis: none` keeps any other fallback from faking. Each face
 * is named one way only, at one weight: every (name, weight) pair Chromium
 * resolves is embedded as a font of its own, and with @font-face composites
 * the three faces were embedded five times, a quarter of the printing time.
 * Chart SVGs name Noto Sans CJK in inline styles; `!important` overrides it.
 */
export const PRINT_FONT_RULES = `
body { font-synthesis: none; }
h5, thead th, mark.todo, strong, b { font-family: 'WenQuanYi Zen Hei', 'AR PL UMing CN', sans-serif; font-weight: normal; }
svg text { font-family: 'WenQuanYi Zen Hei', 'AR PL UMing CN', sans-serif !important; font-weight: normal !important; }
`.trimStart();

/**
 * Print fixes the HTML stylesheet lacks (to move into src/render/html/css.ts):
 * a table's caption (number, title, 编制单位/金额单位 line) was split across a
 * page break, leaving the title alone at the foot of a page.
 */
export const PRINT_FIXES = `
.table-caption { break-inside: avoid; page-break-inside: avoid; }
`.trimStart();

/**
 * The page number, "— 1 —": 4号 (14 pt) 宋体-like digits in a CSS page-margin
 * box, its top 7 mm below the 版心 (35 mm bottom margin − 7 mm), centred on
 * portrait and landscape pages alike. It replaced Chromium's footer template,
 * which is laid out as a separate document for every page and cost ~20% of
 * the printing time. GB/T 9704 puts odd-page numbers right and even ones
 * left; a margin box could (@page :right/:left) — kept centred for now.
 */
export const PAGE_NUMBER_CSS = `
@page {
  @bottom-center {
    content: "— " counter(page) " —";
    font-family: 'AR PL UMing CN', 'WenQuanYi Zen Hei', serif;
    font-size: 14pt; line-height: 1; color: #000;
    vertical-align: top; padding-top: 7mm;
  }
}
`.trimStart();

/**
 * Print font stacks: glyf TrueType faces first (they embed as CID TrueType,
 * stack.md pitfall 13), the Noto CJK faces only as a last resort on machines
 * without them.
 */
export const PDF_FONT_STACKS: Readonly<FontStacks> = {
  body: "'AR PL UMing CN', 'WenQuanYi Zen Hei', 'Noto Serif CJK SC', serif",
  heading: "'WenQuanYi Zen Hei', 'AR PL UMing CN', 'Noto Sans CJK SC', sans-serif",
  kai: "'AR PL UKai CN', 'WenQuanYi Zen Hei', serif",
  title: "'AR PL UMing CN', 'WenQuanYi Zen Hei', 'Noto Serif CJK SC', serif",
};

/** GB/T 9704-2012 margins (design.md §5), also given by the stylesheet's @page rule. */
export const PDF_MARGINS = { top: '37mm', right: '26mm', bottom: '35mm', left: '28mm' } as const;

/** Chromium is not installed where we looked. The message is meant for the user as is (no stack). */
export class ChromiumNotFoundError extends Error {
  override name = 'ChromiumNotFoundError';

  constructor(readonly executablePath: string) {
    super(`未找到 Chromium（${executablePath}）：请先运行 bash scripts/setup.sh`);
    // Printed as the message alone if it ever escapes uncaught.
    this.stack = this.message;
  }
}

export interface PdfRendererOptions {
  /** Chromium binary; default $CHROMIUM_PATH, then /usr/bin/chromium. */
  executablePath?: string;
  /**
   * How many documents may print at once, each on a page of its own (pages
   * are opened when first needed and reused). Default: the number of CPU
   * cores; rounded down and kept within 1–4 (MAX_PDF_PAGES). Give 1 where
   * something else already runs one renderer per core (batch workers).
   */
  pages?: number;
  /** Printings a page makes before it is closed and a fresh one opened (default PAGE_PRINTINGS). */
  printingsPerPage?: number;
}

/**
 * Printings a pool page makes before it is closed and a fresh one opened (a
 * renderer process of its own): about 25 documents of two printings each.
 * A fresh page costs ~0.2–0.7 s to open, against a renderer's growth of
 * ~10 MB a document.
 */
export const PAGE_PRINTINGS = 50;

/** The most pages one renderer keeps: Chromium's printing is CPU-bound, and each page costs memory. */
export const MAX_PDF_PAGES = 4;

/** The page-pool size for an option value (see PdfRendererOptions.pages). */
export function pdfPoolSize(pages: number = availableParallelism()): number {
  if (Number.isNaN(pages)) throw new RangeError(`pages must be a number, got ${pages}`);
  return Math.min(MAX_PDF_PAGES, Math.max(1, Math.floor(pages)));
}

/** A renderer that owns a browser: close() it when the batch is done. */
export interface PdfRenderer extends Renderer {
  format: 'pdf';
  extension: 'pdf';
  /** Prints on a free page, or waits for one; at most `pages` documents print at once. */
  render(tree: ReportTree, options?: RenderOptions): Promise<Uint8Array>;
  /** The pool size: how many documents may print at once. */
  readonly pages: number;
  /** Pages open now (printing or idle); never more than `pages`. For tests and diagnostics. */
  openPages(): number;
  /** Closes the browser; render() fails afterwards. Safe to call twice. */
  close(): Promise<void>;
}

/** The Chromium binary to use: the option, then $CHROMIUM_PATH, then Debian's path. */
export function chromiumPath(o: PdfRendererOptions = {}): string {
  const env = process.env.CHROMIUM_PATH;
  return o.executablePath ?? (env !== undefined && env !== '' ? env : DEFAULT_CHROMIUM_PATH);
}

/**
 * A page to print: its HTML and the files it names by relative URL (the
 * print fonts, see subset.ts), served beside it for the one printing.
 */
export interface PrintPage {
  html: string;
  files?: Readonly<Record<string, Uint8Array>>;
}

/** One printing: a page of HTML → PDF bytes. */
export type PrintHtml = (page: PrintPage) => Promise<Uint8Array>;

/**
 * Where documents are printed: a pool of pages, in a browser this process
 * owns (launchHtmlPrinter) or behind a message channel (a batch worker's).
 */
export interface HtmlPrinter {
  /** How many printings may run at once. */
  readonly pages: number;
  /** Runs `f` with a page held for all its printings (one document's 目录 passes); waits for a free page. */
  withPage<T>(f: (print: PrintHtml) => Promise<T>): Promise<T>;
  /** Pages open now (printing or idle); never more than `pages`. */
  openPages(): number;
  /** Closes the browser (if it is this printer's); printing fails afterwards. Safe to call twice. */
  close(): Promise<void>;
}

/** Launches one headless Chromium with a pool of reused pages that print HTML. */
export async function launchHtmlPrinter(o: PdfRendererOptions = {}): Promise<HtmlPrinter> {
  const executablePath = chromiumPath(o);
  if (!existsSync(executablePath)) throw new ChromiumNotFoundError(executablePath);
  const pages = pdfPoolSize(o.pages);
  const perPage = Math.max(1, o.printingsPerPage ?? PAGE_PRINTINGS);
  const { chromium } = await import('playwright-core');
  const browser: Browser = await chromium.launch({
    executablePath,
    args: [...CHROMIUM_ARGS],
    env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF },
    // Leave Node's own signal handling alone; close() ends the browser.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  let site: PageSite;
  try {
    site = await servePages();
  } catch (e) {
    await browser.close().catch(() => undefined);
    throw e;
  }
  let closed = false;
  const closedError = () => new Error('PDF renderer is closed');
  /*
   * A few pages, each reused document after document: a fresh context per
   * document cost ~200 ms to open and started a renderer process whose font
   * caches were cold, which made printing ~50% slower. Each page has a
   * context of its own (closing it drops the page). A page that failed is
   * dropped and a later document opens a new one. Up to `pages` documents
   * print at once; the others wait for a page (`waiting`, first come first
   * served), since printing is CPU-bound in Chromium and more at once only
   * slows each down.
   */
  const idle: Page[] = [];
  const printings = new WeakMap<Page, number>();
  let free = pages; // pages that may be taken now (idle or not yet opened)
  const waiting: (() => void)[] = [];
  const take = async (): Promise<void> => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const give = (): void => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  const openPage = async (): Promise<Page> => {
    const context: BrowserContext = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(site.home());
      return page;
    } catch (e) {
      await context.close().catch(() => undefined);
      throw e;
    }
  };
  // The first page opens now, while the caller lays out its first document (~0.2–0.7 s: a context and a renderer process).
  let first: Promise<Page | undefined> | undefined = openPage().catch(() => undefined);
  const firstPage = (): Promise<Page | undefined> | undefined => {
    const p = first;
    first = undefined;
    return p;
  };

  return {
    pages,
    openPages: () => (closed ? 0 : browser.contexts().length),
    async withPage(f) {
      if (closed) throw closedError();
      await take();
      try {
        if (closed) throw closedError();
        const p = idle.pop() ?? (await firstPage()) ?? (await openPage());
        try {
          const out = await f((page) => {
            printings.set(p, (printings.get(p) ?? 0) + 1);
            return printPage(p, page, site);
          });
          // A renderer grows with every document it lays out (~130 MB after one, ~260 MB after a dozen, ~800 MB
          // after hundreds): a page that has printed PAGE_PRINTINGS times is closed, its renderer with it.
          if ((printings.get(p) ?? 0) >= perPage) await p.context().close().catch(() => undefined);
          else idle.push(p);
          return out;
        } catch (e) {
          await p.context().close().catch(() => undefined);
          throw e;
        }
      } finally {
        give();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await browser.close();
      } finally {
        await site.close();
      }
    },
  };
}

/**
 * Where the pool's pages live: a loopback HTTP server. Each page is opened on
 * a path of its own (behind a random token, so other local users cannot
 * guess one) and stays there; each printing's HTML arrives with setContent
 * and its files (the print fonts, named by content) are served beside the
 * page while it prints. Through setContent (or any CDP message) ~1.5 MB of
 * fonts took ~0.6 s to arrive, over a loopback socket a few milliseconds;
 * navigating to each page instead cost the browser process ~0.25 s more per
 * document than setContent.
 */
interface PageSite {
  /** A new page's URL (an empty document). */
  home(): string;
  /** Serves a printing's files beside the page at `home` until remove(home). */
  add(home: string, files: Readonly<Record<string, Uint8Array>>): void;
  remove(home: string): void;
  close(): Promise<void>;
}

const EMPTY_PAGE = Buffer.from('<!doctype html><html><head><title></title></head><body></body></html>');

async function servePages(): Promise<PageSite> {
  const token = randomBytes(16).toString('hex');
  const files = new Map<string, { type: string; body: Uint8Array }>();
  let next = 0;
  const server: Server = createServer((req, res) => {
    const file = req.method === 'GET' ? files.get(req.url ?? '') : undefined;
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.byteLength, 'cache-control': 'no-store' }).end(file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const served = new Map<string, string[]>();
  return {
    home() {
      const path = `/${token}/${++next}/`;
      files.set(path, { type: 'text/html; charset=utf-8', body: EMPTY_PAGE });
      return origin + path;
    },
    add(home, given) {
      const dir = home.slice(origin.length);
      const paths = Object.entries(given).map(([name, body]) => {
        const path = dir + encodeURIComponent(name);
        files.set(path, { type: name.endsWith('.ttf') ? 'font/ttf' : 'application/octet-stream', body });
        return path;
      });
      served.set(home, paths);
    },
    remove(home) {
      for (const p of served.get(home) ?? []) files.delete(p);
      served.delete(home);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * A PDF renderer printing on `printer`: each document's printings (see
 * printWithTocPages) on one page of it. close() closes the printer.
 */
export function pdfRendererOn(printer: HtmlPrinter): PdfRenderer {
  let closed = false;
  return {
    format: 'pdf',
    extension: 'pdf',
    pages: printer.pages,
    openPages: () => (closed ? 0 : printer.openPages()),
    async render(tree, options = {}) {
      if (closed) throw new Error('PDF renderer is closed');
      return printer.withPage((print) => printWithTocPages(tree, options, print));
    },
    async close() {
      if (closed) return;
      closed = true;
      await printer.close();
    },
  };
}

/** Launches one headless Chromium; render() prints each document on one of a few reused pages in it. */
export async function createPdfRenderer(o: PdfRendererOptions = {}): Promise<PdfRenderer> {
  return pdfRendererOn(await launchHtmlPrinter(o));
}

/** One document with a browser of its own; for several, use createPdfRenderer() once. */
export async function renderPdf(tree: ReportTree, options: RenderOptions & PdfRendererOptions = {}): Promise<Uint8Array> {
  // One document needs one page; `pages` is not a render option.
  const { executablePath, pages: _pages, ...renderOptions } = options;
  const renderer = await createPdfRenderer(executablePath === undefined ? { pages: 1 } : { executablePath, pages: 1 });
  try {
    return await renderer.render(tree, renderOptions);
  } finally {
    await renderer.close();
  }
}

/**
 * Loads every @font-face of the page (web fonts otherwise load when layout
 * first needs them) and names those that failed. A string, so the DOM lib
 * need not be in this file's types.
 */
const LOAD_FONTS = `Promise.all([...document.fonts].map((f) => f.load().then(() => '', () => f.family)))
  .then((failed) => document.fonts.ready.then(() => failed.filter(Boolean).join(', ')))`;

/** One printing of a page of HTML on a page of the pool (at its home on the site). */
async function printPage(p: Page, page: PrintPage, site: PageSite): Promise<Uint8Array> {
  const home = p.url();
  site.add(home, page.files ?? {});
  try {
    await p.setContent(page.html, { waitUntil: 'load' });
    // A face that failed would be silently replaced by the next family of the stack: fail instead.
    const failed = (await p.evaluate(LOAD_FONTS)) as string;
    if (failed !== '') throw new Error(`print fonts did not load: ${failed}`);
    const pdf = await p.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      margin: { ...PDF_MARGINS },
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    site.remove(home);
  }
}

/** Printings at most: the measuring one, the full one, and up to two more should the numbers move a heading. */
export const MAX_TOC_PASSES = 4;

/**
 * Prints the report with page numbers in its 目录. Chromium has no
 * target-counter(), so the page of each heading is read from a printing:
 * first a measuring printing (MEASURE_CSS: the same layout with only the
 * headings painted, so it costs a fraction of a full one) whose 目录 holds a
 * two-digit placeholder in every number's place (the room the numbers will
 * take); the PDF's named destinations (one per 目录 link) give each
 * heading's page; then the report is printed with those numbers. The
 * numbers are read back from that printing too: should they have moved a
 * heading (a 目录 line that wraps differently), it is printed again with
 * the new ones, up to MAX_TOC_PASSES printings in all. A report without a
 * 目录 prints once.
 */
export async function printWithTocPages(
  tree: ReportTree,
  options: RenderOptions,
  printOnce: PrintHtml,
): Promise<Uint8Array> {
  const toc = tocTargets(tree, options);
  if (toc.length === 0) {
    const html = printHtml(tree, options);
    return printOnce(withFonts(html, printFonts(html, FONTS_CONF)));
  }
  const placeholders = new Map(toc.map((t) => [t.blockId, '00']));
  const measuring = printHtml(tree, options, placeholders, true);
  // The passes differ only in ASCII (the 目录's numbers, the measuring CSS), which every cut keeps: one cut serves them all.
  const fonts = printFonts(measuring, FONTS_CONF);
  let numbers = await tocPageNumbers(await printOnce(withFonts(measuring, fonts)), toc);
  let pdf = await printOnce(withFonts(printHtml(tree, options, numbers), fonts));
  for (let pass = 2; pass < MAX_TOC_PASSES; pass++) {
    const found = await tocPageNumbers(pdf, toc);
    if (sameNumbers(found, numbers)) break;
    numbers = found;
    pdf = await printOnce(withFonts(printHtml(tree, options, numbers), fonts));
  }
  return pdf;
}

/** The page with its print fonts' @font-face rules first in its head, the font files beside it. */
export function withFonts(html: string, fonts: { css: string; files: Record<string, Uint8Array> }): PrintPage {
  if (fonts.css === '') return { html };
  const at = html.indexOf('<style');
  const cut = at < 0 ? html.indexOf('</head>') : at;
  return { html: `${html.slice(0, cut)}<style>\n${fonts.css}</style>\n${html.slice(cut)}`, files: fonts.files };
}

/**
 * A measuring printing: nothing is painted but the headings the 目录 links
 * to (whose named destinations are wanted), and no page numbers. Visibility
 * does not change the layout, so every heading lands where it will in the
 * full printing.
 */
export const MEASURE_CSS = `
body * { visibility: hidden !important; }
h2, h3 { visibility: visible !important; }
@page { @bottom-center { content: none; } }
`.trimStart();

/** A 目录 entry: its heading's block id and the id it has in the printed page. */
export interface TocTarget {
  blockId: string;
  printedId: string;
}

/** The headings the 目录 lists (levels 1–2), with their ids as renderHtml plans them and as printHtml renames them. */
export function tocTargets(tree: ReportTree, options: RenderOptions = {}): TocTarget[] {
  const blockIds = planBlockIds(tree.blocks, new IdRegistry(SKELETON_IDS));
  const { ids } = asciiIds(renderHtml(tree, { ...options, fonts: PDF_FONT_STACKS }));
  return tree.blocks.flatMap((b, i) => {
    if (b.kind !== 'heading' || b.level > 2) return [];
    const blockId = blockIds[i]!;
    return [{ blockId, printedId: ids.get(escapeHtml(blockId)) ?? blockId }];
  });
}

/** Each 目录 entry's page in a printed PDF (block id → number as text); an entry Chromium gave no destination is left out. */
export async function tocPageNumbers(pdf: Uint8Array, toc: readonly TocTarget[]): Promise<Map<string, string>> {
  const pages = await destinationPages(pdf);
  const out = new Map<string, string>();
  for (const t of toc) {
    const page = pages.get(t.printedId);
    if (page !== undefined) out.set(t.blockId, String(page));
  }
  return out;
}

function sameNumbers(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/**
 * The HTML page as printed: print fonts (PRINT_FONT_RULES, PDF_FONT_STACKS),
 * PRINT_FIXES, ASCII element ids (see asciiIds), the 目录's page numbers when
 * given (`tocPages`, by heading block id; `measure` for a measuring printing,
 * see printWithTocPages), and a landscape named page
 * for tables marked `orientation: 'landscape'`, which the HTML stylesheet
 * does not provide yet. Table ids are planned exactly as renderHtml plans them.
 */
export function printHtml(tree: ReportTree, options: RenderOptions = {}, tocPages?: ReadonlyMap<string, string>, measure = false): string {
  const { html, ids: idMap } = asciiIds(
    renderHtml(tree, { ...options, fonts: PDF_FONT_STACKS, ...(tocPages === undefined ? {} : { tocPages }) }),
  );
  let css = PRINT_FONT_RULES + PRINT_FIXES + PAGE_NUMBER_CSS;
  const blockIds = planBlockIds(tree.blocks, new IdRegistry(SKELETON_IDS));
  const landscape = tree.blocks.flatMap((b, i) => {
    const id = blockIds[i]!;
    return b.kind === 'table' && b.orientation === 'landscape' ? [idMap.get(escapeHtml(id)) ?? id] : [];
  });
  if (landscape.length > 0) {
    // Same margins as the portrait pages (the stylesheet's @page rule), so
    // the footer's page number sits 7 mm under the 版心 on these pages too.
    css += '@page landscape { size: A4 landscape; }\n';
    css += `${landscape.map((id) => `[id='${cssString(id)}']`).join(', ')} { page: landscape; }\n`;
  }
  if (measure) css += MEASURE_CSS;
  const at = html.indexOf('</head>');
  return `${html.slice(0, at)}<style>\n${css}</style>\n${html.slice(at)}`;
}

const ID_ATTRIBUTE = /\s(id|href|aria-labelledby|aria-describedby)="([^"]*)"/g;

/**
 * Chromium turns every element id that a link points at into a PDF named
 * destination, percent-encoding non-ASCII twice, so a heading id such as
 * "sec-七-三公-经费…" becomes a name of several hundred bytes (poppler warns:
 * "name token is longer than what the specification says it can be"; PDF 1.7
 * readers may stop at 127). Here every id with a character outside printable
 * ASCII becomes "pdf-<n>", in every attribute that names an id. Returns the
 * new page and the mapping (escaped old id → new id).
 */
export function asciiIds(html: string): { html: string; ids: Map<string, string> } {
  const taken = new Set<string>();
  for (const m of html.matchAll(ID_ATTRIBUTE)) if (m[1] === 'id') taken.add(m[2]!);
  const ids = new Map<string, string>();
  let n = 0;
  const rename = (id: string): string => {
    if (/^[\x21-\x7e]*$/.test(id)) return id;
    let to = ids.get(id);
    if (to === undefined) {
      do to = `pdf-${++n}`;
      while (taken.has(to));
      ids.set(id, to);
    }
    return to;
  };
  const out = html.replace(ID_ATTRIBUTE, (_all, attr: string, value: string) => {
    const renamed =
      attr === 'href'
        ? value.startsWith('#')
          ? `#${rename(value.slice(1))}`
          : value
        : attr === 'id'
          ? rename(value)
          : value.split(/\s+/).map(rename).join(' ');
    return ` ${attr}="${renamed}"`;
  });
  return { html: out, ids };
}

/** Escape a value for a single-quoted CSS string. */
function cssString(s: string): string {
  return s.replace(/[\\'\n\r<>]/g, (c) => `\\${c.codePointAt(0)!.toString(16)} `);
}
