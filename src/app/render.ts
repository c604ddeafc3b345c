/**
 * The render service: a dataset and its profile → the report's files, in
 * memory. It never writes: the CLI and the batch write the files into a
 * folder (`renderToFolder`), a server stores them. A dataset that fails its
 * review (an error-level finding, 【待补充】 left) is refused with NotFinal
 * unless a draft is asked for; a draft has every page marked DRAFT_MARK.
 */
import { basename, extname, join } from 'node:path';
import type { Dataset } from '../model/index.js';
import type { Profile } from '../profiles/index.js';
import type { PdfRenderer } from '../render/pdf/index.js';
import type { Renderer } from '../render/renderer.js';
import type { ReportTree } from '../report/tree.js';
import type { CheckReport, Finding } from '../rules/index.js';
import { UserError, type Effects } from './effects.js';
import { chooseProfile, readDatasetFile } from './load.js';
import { missingForFinal, reviewDataset } from './review.js';

/**
 * Resources shared by every document of one run: one browser for all PDFs
 * (started on first use). close() when the run ends.
 */
export class RenderSession {
  private pdf?: Promise<PdfRenderer>;
  /** `pages`: PDFs printed at once (default one per core; a batch worker uses 1 so the cores are not oversubscribed). */
  constructor(private readonly pdfOptions: { pages?: number } = {}) {}
  /**
   * Starts the browser now, without waiting for it: Chromium takes ~1 s to
   * start, time a one-document render can spend reading, reviewing and
   * building the report meanwhile. A failure shows when pdfRenderer() is used.
   */
  warmUp(): void {
    this.pdfRenderer().catch(() => undefined);
  }
  pdfRenderer(): Promise<PdfRenderer> {
    this.pdf ??= import('../render/pdf/index.js').then((m) => m.createPdfRenderer(this.pdfOptions)).catch((e: unknown) => {
      throw new UserError(e instanceof Error ? e.message : String(e));
    });
    return this.pdf;
  }
  async close(): Promise<void> {
    if (this.pdf) await (await this.pdf.catch(() => undefined))?.close();
  }
}

/** What an output format is given: the report tree and what it was built from. */
export interface OutputContext {
  tree: ReportTree;
  dataset: Dataset;
  report: CheckReport;
  session: RenderSession;
}

export interface OutputFormat {
  extension: string;
  /** The file's media (MIME) type, for a server's Content-Type. */
  mediaType: string;
  write(ctx: OutputContext): Promise<Uint8Array>;
}

/**
 * Renderers are loaded when first used: ECharts, docx, exceljs and Playwright
 * add ~150 MB to every thread that imports them, and a `check` (or a batch's
 * coordinating thread) needs none of them.
 */
const fromTreeRenderer = (extension: string, mediaType: string, load: () => Promise<Renderer>): OutputFormat => ({
  extension,
  mediaType,
  write: async (c) => (await load()).render(c.tree),
});

export const RENDERERS: Readonly<Record<string, OutputFormat>> = {
  html: fromTreeRenderer('html', 'text/html; charset=utf-8', async () => (await import('../render/html/index.js')).htmlRenderer),
  docx: fromTreeRenderer(
    'docx',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    async () => (await import('../render/docx/index.js')).docxRenderer,
  ),
  txt: fromTreeRenderer('txt', 'text/plain; charset=utf-8', async () => (await import('../render/text/index.js')).textRenderer),
  json: {
    extension: 'json',
    mediaType: 'application/json',
    write: async (c) => new TextEncoder().encode((await import('../render/json/index.js')).renderJson(c.dataset, c.report.findings)),
  },
  pdf: { extension: 'pdf', mediaType: 'application/pdf', write: async (c) => (await c.session.pdfRenderer()).render(c.tree) },
  // The workbook carries the dataset too (sheet 数据), so `juesuan import` reads it back exactly.
  xlsx: {
    extension: 'xlsx',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    write: async (c) => (await import('../render/xlsx/index.js')).renderXlsx(c.tree, c.dataset),
  },
};

/** The formats RENDERERS knows, in its order. */
export const OUTPUT_FORMATS: readonly string[] = Object.keys(RENDERERS);

export function isOutputFormat(f: string): boolean {
  return Object.hasOwn(RENDERERS, f);
}

export const DRAFT_MARK = '草稿（未通过审核/待补充）';

/** The review refused a final report and no draft was asked for. */
export class NotFinal extends Error {
  constructor(
    /** What keeps the dataset from a final report: its error-level findings. */
    readonly missing: Finding[],
    readonly report: CheckReport,
  ) {
    super(`不能生成正式报告：${missing.length} 项需要补齐或改正`);
    this.name = 'NotFinal';
  }
}

export interface RenderedFile {
  /** `<stem>.<extension>`. */
  name: string;
  extension: string;
  mediaType: string;
  data: Uint8Array;
}

export interface Rendered {
  /** The final report (true), or a draft marked DRAFT_MARK on every page. */
  final: boolean;
  /** What keeps a draft from being final (empty when final). */
  missing: Finding[];
  /** One per format, in the order asked. */
  files: RenderedFile[];
  /** The review the verdict came from (the findings also go into the json format). */
  report: CheckReport;
}

export interface RenderDatasetOptions {
  /** Render a dataset that fails its review as a marked draft instead of refusing it. */
  draft?: boolean;
  /** Shares a browser across datasets; without it one is started for PDF and closed before returning. */
  session?: RenderSession;
  /** File name without extension; default `<year>年度<部门|单位>决算公开`. */
  stem?: string;
}

/** The default file stem, e.g. 2024年度部门决算公开. */
export function reportStem(d: Dataset): string {
  return `${d.year}年度${d.unit.level}决算公开`;
}

/** A dataset reviewed and cleared for rendering: the tree to render (draft-marked when not final) and the verdict. */
export interface RenderPlan {
  dataset: Dataset;
  tree: ReportTree;
  report: CheckReport;
  final: boolean;
  missing: Finding[];
}

/**
 * The build service: the review before rendering, and the report tree that
 * every format is rendered from (a server may show or store it as is). Throws
 * NotFinal when the review refuses a final report and `draft` is not set;
 * otherwise the tree, marked DRAFT_MARK when a draft.
 */
export function planRender(d: Dataset, profile: Profile, o: { draft?: boolean } = {}): RenderPlan {
  // A final report has no error-level finding and no 【待补充】; anything else is a marked draft, and only on request.
  const { tree: checked, report, final } = reviewDataset(d, profile);
  const missing = missingForFinal(report);
  if (!final && !o.draft) throw new NotFinal(missing, report);
  const tree = final ? checked : { ...checked, meta: { ...checked.meta, draftMark: DRAFT_MARK } };
  return { dataset: d, tree, report, final, missing };
}

/** One format of a planned render (a key of RENDERERS). */
export async function renderPlanned(plan: RenderPlan, format: string, session: RenderSession, stem: string): Promise<RenderedFile> {
  if (!isOutputFormat(format)) throw new Error(`unknown output format: ${format}`);
  const r = RENDERERS[format]!;
  const data = await r.write({ tree: plan.tree, dataset: plan.dataset, report: plan.report, session });
  return { name: `${stem}.${r.extension}`, extension: r.extension, mediaType: r.mediaType, data };
}

/**
 * Renders a dataset into the formats asked (keys of RENDERERS; an unknown one
 * is a programming error), in memory. Throws NotFinal when the review refuses
 * a final report and `draft` is not set.
 */
export async function renderDataset(d: Dataset, profile: Profile, formats: readonly string[], o: RenderDatasetOptions = {}): Promise<Rendered> {
  const unknown = formats.filter((f) => !isOutputFormat(f));
  if (unknown.length > 0) throw new Error(`unknown output format: ${unknown.join(', ')}`);
  const plan = planRender(d, profile, o);
  const stem = o.stem ?? reportStem(d);
  const session = o.session ?? new RenderSession();
  try {
    const files: RenderedFile[] = [];
    for (const f of formats) files.push(await renderPlanned(plan, f, session, stem));
    return { final: plan.final, missing: plan.missing, files, report: plan.report };
  } finally {
    if (!o.session) await session.close();
  }
}

/** The lines that say what keeps a dataset from a final report. */
export function missingLines(missing: Finding[]): string[] {
  return missing.map((f) => `  [${f.rule}] ${f.message}（${f.location}）`);
}

/** The command line's render of one dataset file (the CLI, its batch mode, the demo). */
export interface RenderFileOptions {
  outDir: string;
  formats: string[];
  profile?: string;
  /**
   * A dataset that fails its review is rendered anyway as a draft, every page
   * marked DRAFT_MARK. Without it such a dataset is refused (exit 1).
   */
  draft?: boolean;
}

/** What one render produced: the files written, and whether they are the final report or a marked draft (with what is missing). */
export interface RenderFileResult {
  written: string[];
  final: boolean;
  missing: Finding[];
}

/**
 * A dataset file → report files in `outDir`, named after the dataset file
 * (`<name>.<ext>`, `<name>.<profile>.<ext>` for a profile other than the
 * dataset's), each written as soon as it is rendered. Unreadable input and a
 * refused final report are UserErrors (exit 2 and 1). Pass a session to
 * share a browser across datasets.
 */
export async function renderFileToFolder(file: string, o: RenderFileOptions, fx: Effects, shared?: RenderSession): Promise<RenderFileResult> {
  const d = readDatasetFile(file, fx);
  const profile = chooseProfile(d, o.profile, file);
  const session = shared ?? new RenderSession();
  // The browser starts while the dataset is reviewed and the report built (a refused dataset then waits for it to close).
  if (o.formats.includes('pdf')) session.warmUp();
  try {
    let plan: RenderPlan;
    try {
      plan = planRender(d, profile, o);
    } catch (e) {
      if (!(e instanceof NotFinal)) throw e;
      throw new UserError(
        [`${file} 不能生成正式报告：以下 ${e.missing.length} 项需要补齐或改正（加 --draft 可生成每页标注“${DRAFT_MARK}”的草稿）：`, ...missingLines(e.missing)].join('\n'),
        1,
      );
    }
    const stem = basename(file, extname(file)) + (o.profile && o.profile !== (d.profile ?? 'sichuan') ? `.${o.profile}` : '');
    const written: string[] = [];
    for (const f of o.formats) {
      const rendered = await renderPlanned(plan, f, session, stem);
      const path = join(o.outDir, rendered.name);
      fx.writeFile(path, rendered.data);
      written.push(path);
    }
    return { written, final: plan.final, missing: plan.missing };
  } finally {
    if (!shared) await session.close();
  }
}
