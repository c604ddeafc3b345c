/** `juesuan render`: dataset file → report files in the chosen formats. */
import { basename, extname, join } from 'node:path';
import { DatasetError, parseDataset, type Dataset } from '../model/index.js';
import { findProfile, PROFILES, TABLE_SETS, type Profile } from '../profiles/index.js';
import type { PdfRenderer } from '../render/pdf/index.js';
import type { Renderer } from '../render/renderer.js';
import type { ReportTree } from '../report/tree.js';
import { datasetCheckInput, hasErrors, RULE_PACK, runRules, type CheckReport } from '../rules/index.js';
import { checkReportText } from './check.js';
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
  /** Render even with error-level findings, marking every page as a draft. */
  force?: boolean;
}

export const DRAFT_MARK = '草稿（未通过审核）';

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

/** Renders one dataset; returns the paths written. Pass a session to share a browser across datasets. */
export async function renderCommand(file: string, o: RenderCommandOptions, fx: Effects, shared?: RenderSession): Promise<string[]> {
  const session = shared ?? new RenderSession();
  try {
    return await renderWith(file, o, fx, session);
  } finally {
    if (!shared) await session.close();
  }
}

async function renderWith(file: string, o: RenderCommandOptions, fx: Effects, session: RenderSession): Promise<string[]> {
  const d = loadDataset(file, fx);
  const profile = chooseProfile(d, o.profile, file);
  // The generator never emits a report that fails its own checks, unless told to, as a marked draft.
  // The check builds the report tree (its narrative rules read it); render that same tree.
  const input = datasetCheckInput(d, profile);
  const report = runRules(RULE_PACK, input);
  const failing = hasErrors(report);
  if (failing && !o.force) {
    throw new UserError(
      [`${file} 未通过审核，未生成报告（可用 --force 生成标有“${DRAFT_MARK}”的草稿）：`, ...checkReportText(file, report)].join('\n'),
      1,
    );
  }
  const tree = failing ? { ...input.tree, meta: { ...input.tree.meta, draftMark: DRAFT_MARK } } : input.tree;
  const stem = basename(file, extname(file)) + (o.profile && o.profile !== (d.profile ?? 'sichuan') ? `.${o.profile}` : '');
  const written: string[] = [];
  for (const f of o.formats) {
    const r = RENDERERS[f]!;
    const bytes = await r.write({ tree, dataset: d, report, session });
    const path = join(o.outDir, `${stem}.${r.extension}`);
    fx.writeFile(path, bytes);
    written.push(path);
  }
  return written;
}
