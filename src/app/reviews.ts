/**
 * Reviewing reports published outside the system (issue 14 part 6): a 财政审核人
 * (or 管理员) uploads files (PDF, DOCX, HTML, text, or a .zip of them); each
 * becomes an `audit` job that reads the file and runs the audit, storing the
 * text as read and every finding with its quotes as offsets into that text
 * (and pages for PDF). A file that cannot be read fails alone with the
 * reader's Chinese reason; the others go on.
 *
 * Who sees what: a 财政审核人 sees the batches uploaded by 财政审核人 of their
 * region and of every region below it (their own and their colleagues'); a
 * batch of another region is 403; 管理员 sees all.
 */
import { createHash } from 'node:crypto';
import {
  MAX_REVIEW_FILES, MAX_REVIEW_TEXT_CHARS, MAX_REVIEW_UPLOAD_BYTES, MAX_REVIEW_ZIP_UNPACKED_BYTES, MAX_UPLOAD_BYTES, REVIEW_EXTENSIONS,
  REVIEW_SEVERITY_LABELS, REVIEW_STATUS_LABELS, type ReviewBatch, type ReviewBatchSummary, type ReviewFileDetail, type ReviewFileStatus,
  type ReviewFileSummary, type ReviewFinding, quoteContext,
} from '../api/contract.js';
import { DocumentError, readDocumentBytes } from '../parse/document/index.js';
import { entryData, mb, readCentralDirectory, type ZipKind } from '../parse/zipGuard.js';
import { SheetWriter } from '../render/xlsx/sheet.js';
import { bodyXf, headerXf } from '../render/xlsx/styles.js';
import { packWorkbook } from '../render/xlsx/workbook.js';
import type { JobRecord, NewBundleFile, ReviewBatchRecord, ReviewFileRecord, Store, UserRecord } from '../store/types.js';
import { auditDocument } from './audit.js';
import { AppError, forbidden } from './errors.js';

export interface UploadedFile {
  name: string;
  data: Uint8Array;
}

const ZIP_KIND: ZipKind = { ext: '.zip', app: '压缩软件', noun: '压缩包', retry: '再上传' };
const MEDIA: Record<string, string> = {
  '.pdf': 'application/pdf', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.html': 'text/html', '.htm': 'text/html', '.txt': 'text/plain',
};

const extOf = (name: string) => /\.[^./\\]+$/u.exec(name)?.[0]?.toLowerCase() ?? '';
const baseName = (path: string) => path.split(/[/\\]/u).filter(Boolean).pop() ?? path;
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const allowed = (ext: string) => (REVIEW_EXTENSIONS as readonly string[]).includes(ext);
const TYPES_TEXT = `${REVIEW_EXTENSIONS.join('、')} 或 .zip`;

class ZipRefused extends Error {}

/** The entries of a zip that are reports; the rest are skipped with the reason. A hostile zip is refused whole. */
function unzip(zipName: string, data: Uint8Array, skipped: { name: string; reason: string }[]): UploadedFile[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const refuse = (message: string): never => {
    throw new ZipRefused(`压缩包“${zipName}”：${message}`);
  };
  const entries = readCentralDirectory(buf, { maxUncompressedBytes: MAX_REVIEW_ZIP_UNPACKED_BYTES, maxEntries: MAX_REVIEW_FILES * 10 }, ZIP_KIND, refuse);
  const out: UploadedFile[] = [];
  for (const e of entries) {
    if (e.name.endsWith('/') || e.name.startsWith('__MACOSX/') || baseName(e.name).startsWith('.')) continue;
    const name = `${zipName}/${e.name}`;
    const ext = extOf(e.name);
    if (ext === '.zip') {
      skipped.push({ name, reason: '压缩包中的压缩包不展开，请解压后单独上传' });
      continue;
    }
    if (!allowed(ext)) {
      skipped.push({ name, reason: `不是可审核的报告（只接受 ${REVIEW_EXTENSIONS.join('、')}）` });
      continue;
    }
    if (e.uncompressedSize > MAX_UPLOAD_BYTES) {
      skipped.push({ name, reason: `文件过大（${mb(e.uncompressedSize)} MB），每个文件上限 ${mb(MAX_UPLOAD_BYTES)} MB` });
      continue;
    }
    out.push({ name: name.slice(-300), data: new Uint8Array(entryData(buf, e, refuse)) });
  }
  return out;
}

function requireReviewer(user: UserRecord): void {
  if (user.role !== 'finance_reviewer' && user.role !== 'admin') throw forbidden('只有财政审核人和管理员可以审核外部报告');
}

/** The regions whose batches this user sees (undefined: all). */
async function visibleRegions(store: Store, user: UserRecord): Promise<number[] | undefined> {
  requireReviewer(user);
  if (user.role === 'admin') return undefined;
  return user.regionId === null ? [] : store.regionSubtree(user.regionId);
}

async function visibleBatch(store: Store, user: UserRecord, id: number): Promise<ReviewBatchRecord> {
  const regions = await visibleRegions(store, user);
  const b = await store.getReviewBatch(id);
  if (!b) throw new AppError('not_found', '该审核批次不存在');
  if (regions !== undefined && (b.regionId === null || !regions.includes(b.regionId))) throw forbidden('您无权查看其他地区上传的报告');
  return b;
}

const fileStatus = (f: ReviewFileRecord): ReviewFileStatus =>
  f.jobStatus === 'done' && !f.result ? 'failed' : f.jobStatus;

function fileSummary(f: ReviewFileRecord): ReviewFileSummary {
  const status = fileStatus(f);
  return {
    id: f.id, name: f.name, bytes: f.bytes, sha256: f.sha256, status,
    stage: status === 'queued' ? REVIEW_STATUS_LABELS.queued : f.jobStage,
    error: status === 'failed' ? (f.jobError ?? '审核未完成') : null,
    jobId: f.jobId,
    ...(f.result
      ? {
        format: f.result.format, ...(f.result.unit ? { unit: f.result.unit } : {}), ...(f.result.year !== null ? { year: f.result.year } : {}),
        facts: f.result.facts, errors: f.result.errors, warnings: f.result.warnings,
      }
      : {}),
  };
}

function batchSummary(b: ReviewBatchRecord): ReviewBatchSummary {
  const files = b.files.map(fileSummary);
  return {
    id: b.id, name: b.name, uploadedBy: b.uploadedByName, region: b.regionName, createdAt: b.createdAt,
    files: files.length, done: files.filter((f) => f.status === 'done').length, failed: files.filter((f) => f.status === 'failed').length,
    errors: files.reduce((n, f) => n + (f.errors ?? 0), 0), warnings: files.reduce((n, f) => n + (f.warnings ?? 0), 0),
  };
}

const batchOf = (b: ReviewBatchRecord): ReviewBatch => ({ ...batchSummary(b), files: b.files.map(fileSummary), skipped: b.skipped });

/**
 * Files as uploaded (a zip is opened here, with the zip-bomb guard) → one
 * batch, one audit job per report. 413 when the upload is too large, 415 when
 * nothing in it is a report; files of another type are listed as skipped.
 */
export async function uploadForReview(store: Store, user: UserRecord, uploads: UploadedFile[], name?: string): Promise<ReviewBatch> {
  requireReviewer(user);
  if (user.role === 'finance_reviewer' && user.regionId === null) throw forbidden('您的账号没有所属地区，不能上传报告');
  if (uploads.length === 0) throw new AppError('bad_request', '请选择要审核的报告文件', { files: '请选择文件' });
  const total = uploads.reduce((n, u) => n + u.data.byteLength, 0);
  if (total > MAX_REVIEW_UPLOAD_BYTES) throw new AppError('too_large', `上传的文件共 ${mb(total)} MB，一次上限 ${mb(MAX_REVIEW_UPLOAD_BYTES)} MB，请分批上传`);
  const skipped: { name: string; reason: string }[] = [];
  const files: UploadedFile[] = [];
  for (const u of uploads) {
    const ext = extOf(u.name);
    if (u.data.byteLength > MAX_UPLOAD_BYTES) {
      skipped.push({ name: u.name, reason: `文件过大（${mb(u.data.byteLength)} MB），每个文件上限 ${mb(MAX_UPLOAD_BYTES)} MB` });
    } else if (ext === '.zip') {
      try {
        files.push(...unzip(u.name, u.data, skipped));
      } catch (e) {
        if (!(e instanceof ZipRefused)) throw e;
        skipped.push({ name: u.name, reason: e.message });
      }
    } else if (allowed(ext)) {
      files.push(u);
    } else {
      skipped.push({ name: u.name, reason: `不支持的文件类型（只接受 ${TYPES_TEXT}）` });
    }
  }
  if (files.length > MAX_REVIEW_FILES) throw new AppError('too_large', `一次最多审核 ${MAX_REVIEW_FILES} 个文件，本次有 ${files.length} 个，请分批上传`);
  if (files.length === 0) {
    throw new AppError('unsupported_type', `没有可审核的报告：${skipped.map((s) => `“${s.name}”${s.reason}`).join('；')}`, { files: `只接受 ${TYPES_TEXT}` });
  }
  const newFiles: NewBundleFile[] = files.map((f) => ({
    name: f.name, mediaType: MEDIA[extOf(f.name)] ?? 'application/octet-stream', bytes: f.data.byteLength, sha256: sha256(f.data), data: f.data,
  }));
  const label = (name?.trim() || (uploads.length === 1 ? uploads[0]!.name : `${uploads[0]!.name} 等 ${uploads.length} 个文件`)).slice(0, 300);
  const b = await store.addReviewBatch({ name: label, userId: user.id, regionId: user.role === 'admin' ? null : user.regionId, skipped, files: newFiles });
  return batchOf(b);
}

export async function listReviews(store: Store, user: UserRecord): Promise<ReviewBatchSummary[]> {
  const regions = await visibleRegions(store, user);
  if (regions !== undefined && regions.length === 0) return [];
  return (await store.listReviewBatches(regions === undefined ? {} : { regionIds: regions })).map(batchSummary);
}

export async function getReview(store: Store, user: UserRecord, id: number): Promise<ReviewBatch> {
  return batchOf(await visibleBatch(store, user, id));
}

export async function getReviewFile(store: Store, user: UserRecord, id: number, fileId: number): Promise<ReviewFileDetail> {
  const b = await visibleBatch(store, user, id);
  const f = b.files.find((x) => x.id === fileId);
  if (!f) throw new AppError('not_found', '该批次中没有这个文件');
  const r = f.result ? await store.getReviewResult(f.id) : null;
  return {
    ...fileSummary(f),
    text: r?.text ?? '',
    ...(r?.pageStarts ? { pageStarts: r.pageStarts } : {}),
    ...(r?.truncated ? { truncated: true } : {}),
    findings: r?.findings ?? [],
  };
}

/** Every finding of the batch's files as a workbook: 问题 (one row per finding) and 文件 (each file's state). */
export async function reviewFindingsXlsx(store: Store, user: UserRecord, id: number): Promise<{ name: string; data: Uint8Array }> {
  const b = await visibleBatch(store, user, id);
  const findings = new SheetWriter();
  const head = ['文件', '单位', '年度', '程度', '规则', '问题', '所述', '应为', '原文引文', '页码', '原文（上下文）'];
  head.forEach((h, i) => findings.set(1, i + 1, h, headerXf('center')));
  let row = 2;
  for (const f of b.files) {
    if (!f.result) continue;
    const r = await store.getReviewResult(f.id);
    for (const x of r?.findings ?? []) {
      const cells = [
        f.name, r?.unit ?? '', r?.year !== null && r?.year !== undefined ? String(r.year) : '', REVIEW_SEVERITY_LABELS[x.severity], x.rule, x.message,
        x.stated !== undefined ? `${x.stated}${x.unit ?? ''}` : '', x.expected !== undefined ? `${x.expected}${x.unit ?? ''}` : '',
        x.quotes.map((q) => q.text.replace(/\s+/gu, ' ').trim()).join('\n'),
        [...new Set(x.quotes.map((q) => q.page).filter((p): p is number => p !== undefined))].join('、'),
        x.quotes.map((q) => {
          const c = quoteContext(r?.text ?? '', q.start, q.end);
          return `${c.before}【${c.quote}】${c.after}`.replace(/\s+/gu, ' ').trim();
        }).join('\n'),
      ];
      cells.forEach((c, i) => findings.set(row, i + 1, c, bodyXf(undefined, 'left')));
      row++;
    }
  }
  const files = new SheetWriter();
  ['文件', '大小（字节）', 'SHA-256', '状态', '单位', '年度', '读出数字', '确定', '疑似', '失败原因'].forEach((h, i) => files.set(1, i + 1, h, headerXf('center')));
  b.files.forEach((f, i) => {
    const s = fileSummary(f);
    const cells: (string | number)[] = [
      s.name, s.bytes, s.sha256, REVIEW_STATUS_LABELS[s.status], s.unit ?? '', s.year ?? '', s.facts ?? '', s.errors ?? '', s.warnings ?? '', s.error ?? '',
    ];
    cells.forEach((c, j) => files.set(i + 2, j + 1, c, typeof c === 'number' ? bodyXf(0, 'right') : bodyXf(undefined, 'left')));
  });
  b.skipped.forEach((s, i) => {
    const r = b.files.length + 2 + i;
    files.set(r, 1, s.name, bodyXf(undefined, 'left'));
    files.set(r, 4, '未审核', bodyXf(undefined, 'left'));
    files.set(r, 10, s.reason, bodyXf(undefined, 'left'));
  });
  const title = `外部报告审核结果（批次 ${b.id}）`;
  const data = packWorkbook([
    { name: '问题', sheet: findings, options: { widths: [28, 24, 8, 8, 16, 50, 14, 14, 40, 8, 80], freeze: { rows: 1, activeCell: 'A2' } } },
    { name: '文件', sheet: files, options: { widths: [36, 12, 30, 10, 24, 8, 10, 8, 8, 50] } },
  ], title);
  return { name: `${title}.xlsx`, data };
}

/** A failure of one file, said in Chinese (the job's error). */
export class ReviewFailure extends Error {}

/** The audit job: reads its file, audits it and stores the text and findings. DocumentError → ReviewFailure (the file fails alone). */
export async function runReviewJob(store: Store, job: JobRecord, progress: (percent: number, stage: string) => Promise<void>): Promise<Record<string, unknown>> {
  const f = await store.getReviewFileOfJob(job.id);
  if (!f) throw new ReviewFailure('要审核的文件不存在');
  await progress(10, '正在读取文件');
  let doc;
  try {
    doc = await readDocumentBytes(f.data, baseName(f.name));
  } catch (e) {
    if (e instanceof DocumentError) throw new ReviewFailure(e.message);
    throw e;
  }
  await progress(50, '正在审核');
  const r = auditDocument(doc);
  const truncated = doc.raw.length > MAX_REVIEW_TEXT_CHARS;
  const findings: ReviewFinding[] = r.findings.map((x) => ({
    rule: x.rule, severity: x.severity, message: x.message,
    ...(x.expected !== undefined ? { expected: x.expected } : {}), ...(x.stated !== undefined ? { stated: x.stated } : {}),
    ...(x.tolerance !== undefined ? { tolerance: x.tolerance } : {}), ...(x.unit !== undefined ? { unit: x.unit } : {}),
    quotes: x.quotes.map((text, i) => {
      const loc = x.locations[i]!;
      return { text, start: loc.start, end: loc.end, ...(loc.page !== undefined ? { page: loc.page } : {}) };
    }),
  }));
  await progress(90, '正在保存结果');
  const errors = findings.filter((x) => x.severity === 'error').length;
  const warnings = findings.filter((x) => x.severity === 'warning').length;
  await store.addReviewResult(f.id, {
    format: doc.format, text: truncated ? doc.raw.slice(0, MAX_REVIEW_TEXT_CHARS) : doc.raw, truncated,
    pageStarts: doc.pageStarts ?? null, unit: r.unit ?? null, year: r.year ?? null, facts: r.facts.length, errors, warnings, findings,
  });
  return { fileId: f.id, errors, warnings };
}
