/**
 * PDF renderer: the HTML page (src/render/html) printed by a headless Chromium
 * through playwright-core. One browser per renderer, so batch rendering pays
 * the browser launch once, and a small pool of reused pages in it, so a
 * few documents can print at the same time (option `pages`). Node-only.
 *
 * Layout: A4 with the GB/T 9704-2012 margins (top 37, right 26, bottom 35,
 * left 28 mm, the @page rule of the HTML stylesheet) and "— n —" page
 * numbers centred in the bottom margin (PAGE_NUMBER_CSS).
 *
 * Fonts: glyf-outline TrueType faces come first (stack.md pitfall 13).
 * Chromium embeds them as CID TrueType, so text extracts cleanly; the Noto
 * CJK faces (CFF in a TTC) would be drawn as Type 3 glyphs.
 *
 * @example
 *   const pdf = await createPdfRenderer();
 *   try {
 *     for (const tree of trees) await writeFile(name(tree), await pdf.render(tree));
 *   } finally {
 *     await pdf.close();
 *   }
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { ReportTree } from '../../report/tree.js';
import { renderHtml, type FontStacks } from '../html/index.js';
import { escapeHtml } from '../html/escape.js';
import { IdRegistry, SKELETON_IDS, planBlockIds } from '../html/ids.js';
import type { Renderer, RenderOptions } from '../renderer.js';

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
}

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

/** Launches one headless Chromium; render() prints each document on one of a few reused pages in it. */
export async function createPdfRenderer(o: PdfRendererOptions = {}): Promise<PdfRenderer> {
  const executablePath = chromiumPath(o);
  if (!existsSync(executablePath)) throw new ChromiumNotFoundError(executablePath);
  const pages = pdfPoolSize(o.pages);
  const browser: Browser = await chromium.launch({
    executablePath,
    args: [...CHROMIUM_ARGS],
    env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF },
    // Leave Node's own signal handling alone; close() ends the browser.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
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
      return await context.newPage();
    } catch (e) {
      await context.close().catch(() => undefined);
      throw e;
    }
  };
  const print = async (html: string): Promise<Uint8Array> => {
    await take();
    try {
      if (closed) throw closedError();
      const p = idle.pop() ?? (await openPage());
      try {
        await p.setContent(html, { waitUntil: 'load' });
        // A string, so the DOM lib need not be in this file's types.
        await p.evaluate('document.fonts.ready.then(() => true)');
        const pdf = await p.pdf({
          format: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          margin: { ...PDF_MARGINS },
        });
        idle.push(p);
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } catch (e) {
        await p.context().close().catch(() => undefined);
        throw e;
      }
    } finally {
      give();
    }
  };

  return {
    format: 'pdf',
    extension: 'pdf',
    pages,
    openPages: () => (closed ? 0 : browser.contexts().length),
    async render(tree, options = {}) {
      if (closed) throw closedError();
      return print(printHtml(tree, options));
    },
    async close() {
      if (closed) return;
      closed = true;
      await browser.close();
    },
  };
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
 * The HTML page as printed: print fonts (PRINT_FONT_RULES, PDF_FONT_STACKS),
 * PRINT_FIXES, ASCII element ids (see asciiIds), and a landscape named page
 * for tables marked `orientation: 'landscape'`, which the HTML stylesheet
 * does not provide yet. Table ids are planned exactly as renderHtml plans them.
 */
export function printHtml(tree: ReportTree, options: RenderOptions = {}): string {
  const { html, ids: idMap } = asciiIds(renderHtml(tree, { ...options, fonts: PDF_FONT_STACKS }));
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
