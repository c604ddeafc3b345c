/**
 * Background jobs (issue 13 part 7): what a worker does with each job kind.
 *
 * - render: one format of a saved version, for download (a draft is marked as
 *   one; a PDF takes seconds, which is why it is a job).
 * - publish: the final bundle of an approved version (html, pdf, docx, xlsx,
 *   json), stored immutably with each file's SHA-256 and the dataset moved to
 *   已公开 in the same transaction. A version that does not pass its review is
 *   never published.
 *
 * Handlers take the store and a render session (one browser per worker) and
 * report progress; they throw JobFailure with a Chinese message the user sees.
 */
import { createHash } from 'node:crypto';
import type { BundleFile } from '../api/contract.js';
import { DatasetError, parseDataset, type Dataset } from '../model/index.js';
import { findProfile, type Profile } from '../profiles/index.js';
import type { JobRecord, NewBundleFile, Store } from '../store/types.js';
import { factsOfDataset } from './opendata.js';
import { portalFiguresOf } from './portal.js';
import { ReviewFailure, runReviewJob } from './reviews.js';
import { missingLines, NotFinal, planRender, renderPlanned, reportStem, type RenderSession } from './render.js';

/** A job that cannot be done, said in Chinese (shown in the page as the job's error). */
export class JobFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobFailure';
  }
}

export interface JobContext {
  store: Store;
  session: RenderSession;
  /** 0–100 and a Chinese stage (正在生成 PDF …). */
  progress(percent: number, stage: string): Promise<void>;
}

export type JobHandler = (job: JobRecord, ctx: JobContext) => Promise<Record<string, unknown>>;

export const RENDER_FORMATS = ['html', 'pdf', 'docx', 'xlsx'] as const;
export type RenderFormat = (typeof RENDER_FORMATS)[number];
/** What a publication holds, in this order. */
export const BUNDLE_FORMATS = ['html', 'pdf', 'docx', 'xlsx', 'json'] as const;

const FORMAT_NAMES: Record<string, string> = { html: '网页', pdf: 'PDF', docx: 'Word', xlsx: 'Excel', json: '开放数据 JSON', txt: '文本' };

export const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');

function intPayload(job: JobRecord, key: string): number {
  const v = job.payload[key];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new JobFailure(`任务参数不正确：缺少 ${key}`);
  return v;
}

/** The saved version as a dataset and its profile; a version that no longer parses is said in Chinese. */
async function loadVersion(store: Store, datasetId: number, version: number): Promise<{ dataset: Dataset; profile: Profile }> {
  const v = await store.getVersion(datasetId, version);
  if (!v) throw new JobFailure(`数据第 ${version} 版不存在`);
  let dataset: Dataset;
  try {
    dataset = parseDataset(JSON.stringify(v.data), 'dataset.json');
  } catch (e) {
    if (e instanceof DatasetError) throw new JobFailure(`数据第 ${version} 版不是有效的数据：${e.message}`);
    throw e;
  }
  const profile = findProfile(dataset.profile ?? 'sichuan');
  if (!profile) throw new JobFailure(`未知的模板“${dataset.profile ?? ''}”`);
  return { dataset, profile };
}

async function renderFiles(
  ctx: JobContext, dataset: Dataset, profile: Profile, formats: readonly string[], draft: boolean, from: number, to: number,
): Promise<{ final: boolean; files: NewBundleFile[]; missing: string[] }> {
  let plan;
  try {
    plan = planRender(dataset, profile, { draft });
  } catch (e) {
    if (e instanceof NotFinal) return { final: false, files: [], missing: missingLines(e.missing).map((l) => l.trim()) };
    throw e;
  }
  const files: NewBundleFile[] = [];
  for (const [i, format] of formats.entries()) {
    await ctx.progress(Math.round(from + ((to - from) * i) / formats.length), `正在生成${FORMAT_NAMES[format] ?? format}`);
    const f = await renderPlanned(plan, format, ctx.session, reportStem(dataset));
    files.push({ name: f.name, mediaType: f.mediaType, bytes: f.data.byteLength, sha256: sha256(f.data), data: f.data });
  }
  return { final: plan.final, files, missing: [] };
}

const summary = (f: NewBundleFile): BundleFile => ({ name: f.name, mediaType: f.mediaType, bytes: f.bytes, sha256: f.sha256 });

/** One format of a saved version, kept with the job for download. */
export const renderJob: JobHandler = async (job, ctx) => {
  const datasetId = intPayload(job, 'datasetId');
  const version = intPayload(job, 'version');
  const format = job.payload.format;
  if (typeof format !== 'string' || !(RENDER_FORMATS as readonly string[]).includes(format)) {
    throw new JobFailure(`不支持的格式：${String(format)}（可用：${RENDER_FORMATS.join('、')}）`);
  }
  await ctx.progress(5, '正在读取数据');
  const { dataset, profile } = await loadVersion(ctx.store, datasetId, version);
  const { files, final } = await renderFiles(ctx, dataset, profile, [format], true, 10, 90);
  await ctx.progress(95, '正在保存文件');
  for (const f of files) await ctx.store.addJobFile(job.id, f);
  return { files: files.map(summary), downloadBase: `/api/jobs/${job.id}/files/`, final };
};

/** The final bundle of an approved version: stored immutably, the dataset 已公开 in the same transaction. */
export const publishJob: JobHandler = async (job, ctx) => {
  const datasetId = intPayload(job, 'datasetId');
  const version = intPayload(job, 'version');
  const userId = intPayload(job, 'userId');
  const note = job.payload.correctionNote;
  const correctionNote = typeof note === 'string' && note.trim() ? note.trim() : null;
  const record = await ctx.store.getDataset(datasetId);
  if (!record) throw new JobFailure('数据不存在');
  if (record.status !== 'finance_approved') throw new JobFailure('只有财政审核通过的数据才能公开');
  if (record.version !== version) throw new JobFailure(`审核通过后数据又有改动（现为第 ${record.version} 版），请重新审核后再公开`);
  const earlier = await ctx.store.listBundles({ datasetId });
  if (earlier.length > 0 && !correctionNote) throw new JobFailure('更正后重新公开须填写更正说明');
  await ctx.progress(5, '正在审核数据');
  const { dataset, profile } = await loadVersion(ctx.store, datasetId, version);
  const { final, files, missing } = await renderFiles(ctx, dataset, profile, BUNDLE_FORMATS, false, 10, 90);
  if (!final) throw new JobFailure(['数据未通过审核，不能公开正式报告：', ...missing].join('\n'));
  await ctx.progress(95, '正在保存公开文件');
  const bundle = await ctx.store.addBundle({
    datasetId, datasetVersion: version, userId, correctionNote, files,
    // The published figures (open data, 汇总), stored with the bundle in its transaction.
    facts: factsOfDataset(dataset),
    // What the public unit page shows of this edition, kept with it (read instead of re-reading the dataset).
    figures: portalFiguresOf(dataset),
    publish: { from: ['finance_approved'], to: 'published', action: 'publish', userId, comment: correctionNote },
  });
  return { bundleId: bundle.id, files: bundle.files };
};

/** One uploaded report of another body, read and audited (issue 14 part 6); an unreadable file fails alone. */
export const auditJob: JobHandler = async (job, ctx) => {
  try {
    return await runReviewJob(ctx.store, job, ctx.progress);
  } catch (e) {
    if (e instanceof ReviewFailure) throw new JobFailure(e.message);
    throw e;
  }
};

export const JOB_HANDLERS: Record<JobRecord['kind'], JobHandler> = { render: renderJob, publish: publishJob, audit: auditJob };
