/** `juesuan render`: dataset file → report files in the chosen formats. */
import { basename, extname, join } from 'node:path';
import { DatasetError, parseDataset, type Dataset } from '../model/index.js';
import { findProfile, PROFILES, TABLE_SETS, type Profile } from '../profiles/index.js';
import type { PdfRenderer } from '../render/pdf/index.js';
import type { Renderer } from '../render/renderer.js';
import type { ReportTree } from '../report/tree.js';
import { missingForFinal, reviewDataset } from '../app/review.js';
import type { CheckReport, Finding } from '../rules/index.js';
import { UserError, type Effects } from './effects.js';

/**
 * Resources shared by every document of one command run: one browser for all
 * PDFs (started on first use). close() when the run ends.
 */
export class RenderSession {
  private pdf?: Promise<PdfRenderer>;
  /** `pages`: PDFs printed at once (default one per core; a batch worker uses 1 so the cores are not oversubscribed). */
  constructor(private readonly pdfOptions: { pages?: number } = {}) {}
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
  write(ctx: OutputContext): Promise<Uint8Array>;
}

/**
 * Renderers are loaded when first used: ECharts, docx, exceljs and Playwright
 * add ~150 MB to every thread that imports them, and a `check` (or a batch's
 * coordinating thread) needs none of them.
 */
const fromTreeRenderer = (extension: string, load: () => Promise<Renderer>): OutputFormat => ({
  extension,
  write: async (c) => (await load()).render(c.tree),
});

export const RENDERERS: Readonly<Record<string, OutputFormat>> = {
  html: fromTreeRenderer('html', async () => (await import('../render/html/index.js')).htmlRenderer),
  docx: fromTreeRenderer('docx', async () => (await import('../render/docx/index.js')).docxRenderer),
  txt: fromTreeRenderer('txt', async () => (await import('../render/text/index.js')).textRenderer),
  json: {
    extension: 'json',
    write: async (c) => new TextEncoder().encode((await import('../render/json/index.js')).renderJson(c.dataset, c.report.findings)),
  },
  pdf: { extension: 'pdf', write: async (c) => (await c.session.pdfRenderer()).render(c.tree) },
  // The workbook carries the dataset too (sheet 数据), so `juesuan import` reads it back exactly.
  xlsx: { extension: 'xlsx', write: async (c) => (await import('../render/xlsx/index.js')).renderXlsx(c.tree, c.dataset) },
};

export interface RenderCommandOptions {
  outDir: string;
  formats: string[];
  profile?: string;
  /**
   * A dataset that fails its review is rendered anyway as a draft, every page
   * marked DRAFT_MARK. Without it such a dataset is refused (exit 1).
   */
  draft?: boolean;
}

export const DRAFT_MARK = '草稿（未通过审核/待补充）';

/** What one render produced: the files, and whether they are the final report or a marked draft (with what is missing). */
export interface RenderResult {
  written: string[];
  final: boolean;
  missing: Finding[];
}

/** The lines that say what keeps a dataset from a final report. */
export function missingLines(missing: Finding[]): string[] {
  return missing.map((f) => `  [${f.rule}] ${f.message}（${f.location}）`);
}

export function parseFormats(list: string): string[] {
  const formats = [...new Set(list.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean))];
  if (formats.length === 0) throw new UserError('请用 --format 指定至少一种输出格式');
  const unknown = formats.filter((f) => !RENDERERS[f]);
  if (unknown.length > 0) {
    throw new UserError(`不支持的输出格式：${unknown.join(', ')}（可用：${Object.keys(RENDERERS).join(', ')}）`);
  }
  return formats;
}

export function loadDataset(file: string, fx: Effects): Dataset {
  let text: string;
  try {
    text = fx.readText(file);
  } catch (e) {
    throw new UserError(`无法读取数据文件 ${file}：${(e as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : (e as Error).message}`);
  }
  try {
    return parseDataset(text, file);
  } catch (e) {
    if (e instanceof DatasetError) throw new UserError(e.message);
    throw e;
  }
}

export function chooseProfile(d: Dataset, requested: string | undefined, file: string): Profile {
  const id = requested ?? d.profile ?? 'sichuan';
  const p = findProfile(id);
  if (!p) {
    const where = requested ? '--profile' : `${file} 的 profile 字段`;
    throw new UserError(`未知的模板“${id}”（${where}）；可用：${Object.keys(PROFILES).join(', ')}`);
  }
  if (d.tableSet !== undefined && !TABLE_SETS[d.tableSet]) {
    throw new UserError(`未知的表格套“${d.tableSet}”（${file} 的 tableSet 字段）；可用：${Object.keys(TABLE_SETS).join(', ')}`);
  }
  return p;
}

/** Renders one dataset. Pass a session to share a browser across datasets. */
export async function renderCommand(file: string, o: RenderCommandOptions, fx: Effects, shared?: RenderSession): Promise<RenderResult> {
  const session = shared ?? new RenderSession();
  try {
    return await renderWith(file, o, fx, session);
  } finally {
    if (!shared) await session.close();
  }
}

async function renderWith(file: string, o: RenderCommandOptions, fx: Effects, session: RenderSession): Promise<RenderResult> {
  const d = loadDataset(file, fx);
  const profile = chooseProfile(d, o.profile, file);
  // A final report has no error-level finding and no 【待补充】; anything else is a marked draft, and only on request.
  const { tree: checked, report, final } = reviewDataset(d, profile);
  const missing = missingForFinal(report);
  if (!final && !o.draft) {
    throw new UserError(
      [`${file} 不能生成正式报告：以下 ${missing.length} 项需要补齐或改正（加 --draft 可生成每页标注“${DRAFT_MARK}”的草稿）：`, ...missingLines(missing)].join('\n'),
      1,
    );
  }
  const tree = final ? checked : { ...checked, meta: { ...checked.meta, draftMark: DRAFT_MARK } };
  const stem = basename(file, extname(file)) + (o.profile && o.profile !== (d.profile ?? 'sichuan') ? `.${o.profile}` : '');
  const written: string[] = [];
  for (const f of o.formats) {
    const r = RENDERERS[f]!;
    const bytes = await r.write({ tree, dataset: d, report, session });
    const path = join(o.outDir, `${stem}.${r.extension}`);
    fx.writeFile(path, bytes);
    written.push(path);
  }
  return { written, final, missing };
}
