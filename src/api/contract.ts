/**
 * The HTTP API's contract: the JSON the server sends and accepts under /api,
 * shared by the server (src/server), the browser app (web/) and the tests.
 * Pure data and types: no Node, no browser, no store imports.
 *
 * Conventions
 * - JSON in and out; every error is `ApiError` with a Chinese `message`
 *   (and `fields` naming form fields when the input was wrong).
 * - Status codes: 400 bad input, 401 not logged in, 403 not allowed (this role,
 *   or a record that exists but is outside this user's reach), 404 no such record
 *   (it does not exist at all; lists only ever hold what the user may see),
 *   409 conflict (stale version, wrong workflow state), 413 upload too large,
 *   415 wrong upload type, 422 the dataset does not pass (submit with errors),
 *   429 too many login attempts.
 * - Session: an httpOnly, SameSite=Strict cookie `juesuan_session`. Every
 *   state-changing call (POST/PUT/PATCH/DELETE) must send header
 *   `x-csrf-token` equal to `Me.csrfToken` (from POST /api/login or GET /api/me),
 *   else 403 with message “CSRF 校验失败，请刷新页面后重试”.
 * - Money inside `DatasetJson` is exactly the dataset file format (what
 *   `datasetToRaw` writes and `parseDataset` reads): amounts as strings in the
 *   dataset's `moneyUnit` (万元 by default, 2 decimals as typed).
 */
import type { TextFinding } from '../audit/types.js';

/** 填报人, 单位审核人, 财政审核人, 管理员. */
export const ROLES = ['filler', 'unit_reviewer', 'finance_reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  filler: '填报人',
  unit_reviewer: '单位审核人',
  finance_reviewer: '财政审核人',
  admin: '管理员',
};

/** A dataset's workflow state. `returned` is editable by its 填报人 like `draft`. */
export const STATUSES = ['draft', 'submitted', 'unit_approved', 'returned', 'finance_approved', 'published'] as const;
export type Status = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<Status, string> = {
  draft: '草稿',
  submitted: '已提交',
  unit_approved: '单位审核通过',
  returned: '退回',
  finance_approved: '财政审核通过',
  published: '已公开',
};

/** Workflow actions (POST /api/datasets/:id/actions/:action). */
export const ACTIONS = ['submit', 'unit_approve', 'unit_return', 'finance_approve', 'finance_return', 'publish', 'reopen'] as const;
export type Action = (typeof ACTIONS)[number];
export const ACTION_LABELS: Record<Action, string> = {
  submit: '提交',
  unit_approve: '单位审核通过',
  unit_return: '退回（单位）',
  finance_approve: '财政审核通过',
  finance_return: '退回（财政）',
  publish: '公开',
  reopen: '发起更正',
};

/** Who may take each action, from which state, to which state. */
export const TRANSITIONS: Record<Action, { from: readonly Status[]; to: Status; role: Role }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', role: 'filler' },
  unit_approve: { from: ['submitted'], to: 'unit_approved', role: 'unit_reviewer' },
  unit_return: { from: ['submitted'], to: 'returned', role: 'unit_reviewer' },
  finance_approve: { from: ['unit_approved'], to: 'finance_approved', role: 'finance_reviewer' },
  finance_return: { from: ['unit_approved'], to: 'returned', role: 'finance_reviewer' },
  publish: { from: ['finance_approved'], to: 'published', role: 'finance_reviewer' },
  /** A published report to be corrected: back to draft; the next publication needs a 更正说明. */
  reopen: { from: ['published'], to: 'draft', role: 'finance_reviewer' },
};

/** States in which the unit's 填报人 may save new versions. */
export const EDITABLE: readonly Status[] = ['draft', 'returned'];

export type RegionLevel = '省' | '市' | '县';
export type DatasetJson = Record<string, unknown>;

export interface ApiError {
  // 409 on PUT /datasets/:id also carries `current: VersionDetail` (the version that won).
  error: string; // machine code: 'bad_request' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'unsupported_type' | 'not_passing' | 'rate_limited' | 'internal'
  message: string; // Chinese, shown to the user as is
  /** Form fields (dataset paths such as `income.total` or form names such as `username`) → Chinese message. */
  fields?: Record<string, string>;
}

export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** 填报人 and 单位审核人: their unit. */
  orgId: number | null;
  /** 财政审核人: the region whose units they review. */
  regionId: number | null;
  csrfToken: string;
}

export interface Region {
  id: number;
  code: string;
  name: string;
  level: RegionLevel;
  parentId: number | null;
}

export interface Organisation {
  id: number;
  code: string;
  name: string;
  /** 主管部门 (a department) or 单位 (a unit under one). */
  kind: '部门' | '单位';
  parentId: number | null;
  regionId: number;
}

export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  orgId: number | null;
  regionId: number | null;
  disabled: boolean;
}

/** One rule finding as stored for a version (same fields as the rule pack's Finding). */
export interface StoredFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  location: string;
  hint: string;
  expected?: string;
  stated?: string;
  difference?: string;
  unit?: string;
  related?: string[];
}

export interface DatasetSummary {
  id: number;
  orgId: number;
  orgName: string;
  regionId: number;
  year: number;
  status: Status;
  version: number;
  updatedAt: string; // ISO 8601
  errors: number;
  warnings: number;
  /** Latest publication, if any. */
  publishedBundleId: number | null;
}

export interface DatasetDetail extends DatasetSummary {
  data: DatasetJson;
  findings: StoredFinding[];
  /** The written explanations of warnings, keyed by `${rule}@${location}`. */
  explanations: Record<string, string>;
  /** Actions this user may take now. */
  allowedActions: Action[];
  /** Whether this user may save a new version now. */
  editable: boolean;
}

export interface VersionSummary {
  version: number;
  savedAt: string;
  savedBy: string; // display name
  note: string | null;
  errors: number;
  warnings: number;
}

export interface VersionDetail extends VersionSummary {
  data: DatasetJson;
  findings: StoredFinding[];
}

export interface WorkflowEvent {
  id: number;
  at: string;
  actor: string; // display name
  action: Action | 'create' | 'import';
  from: Status | null;
  to: Status;
  version: number;
  comment: string | null;
}

export interface Comment {
  id: number;
  /** The dataset path the comment is about (`income.total`), or '' for the whole dataset. */
  path: string;
  body: string;
  author: string;
  at: string;
  version: number;
  resolved: boolean;
}

export interface BundleFile {
  name: string; // e.g. 2024年度部门决算公开.pdf
  mediaType: string;
  bytes: number;
  sha256: string; // lowercase hex
}

export interface Bundle {
  id: number;
  datasetId: number;
  orgName: string;
  year: number;
  /** 1 for the first publication, 2 for its first correction … */
  edition: number;
  datasetVersion: number;
  publishedAt: string;
  publishedBy: string;
  /** 更正说明: required from edition 2 on. */
  correctionNote: string | null;
  /** The later edition that replaced this one, if any (still visible, marked 已更正). */
  supersededBy: number | null;
  files: BundleFile[];
}

/** render: a file for download; publish: the final bundle; audit: one uploaded report of another body, reviewed. */
export type JobKind = 'render' | 'publish' | 'audit';
export type JobStatus = 'queued' | 'running' | 'done' | 'failed';
export interface Job {
  id: number;
  kind: JobKind;
  status: JobStatus;
  /** 0–100 */
  progress: number;
  /** Chinese, for the UI: 排队中 / 正在生成 PDF … */
  stage: string;
  error: string | null;
  /** When done: where to download (render) or the bundle (publish). */
  result: { files?: BundleFile[]; downloadBase?: string; bundleId?: number } | null;
  createdAt: string;
  finishedAt: string | null;
}

/**
 * Routes (all under /api; `auth` = any logged-in user unless a role is named;
 * “visible” = the user's own unit for filler/unit_reviewer, the units of the
 * region (and its sub-regions) for finance_reviewer, everything for admin):
 *
 * POST   /login                 {username,password} → Me (sets cookie). 401 “用户名或密码错误”; 429 after 5 failures/min per IP+username.
 * POST   /logout                → 204
 * GET    /me                    → Me
 * GET    /regions               → Region[]
 * GET    /organisations         → Organisation[] (visible ones; admin: all)
 * POST   /organisations         admin; {code,name,kind,parentId,regionId} → Organisation
 * GET    /users                 admin → UserSummary[]
 * POST   /users                 admin; {username,displayName,password,role,orgId,regionId} → UserSummary
 * PATCH  /users/:id             admin; {displayName?,password?,role?,orgId?,regionId?,disabled?} → UserSummary
 * GET    /datasets              ?year&status → DatasetSummary[] (visible)
 * POST   /datasets              filler; {year, from?: 'empty'|'previous'} → 201 DatasetDetail (own unit; 409 if the unit-year exists;
 *                                 'previous' carries last year's dataset: its unit description is kept, its current figures
 *                                 become 上年数 (prior), this year's figures start empty; 400 {fields:{from}} when there is none)
 * GET    /datasets/:id          → DatasetDetail
 * PUT    /datasets/:id          filler, own unit, editable; {baseVersion, data, note?} → DatasetDetail
 *                                 409 {error:'conflict', current: VersionDetail} when baseVersion is not the latest;
 *                                 400 with `fields` when data is not a valid dataset (nothing saved)
 * POST   /datasets/:id/check    any who can view; {data} → {findings: StoredFinding[], valid: boolean, fields?} (no save; the server's verdict:
 *                                 valid = it is a dataset that PUT would save; else fields as for PUT's 400 and no findings)
 * GET    /datasets/:id/versions → VersionSummary[]
 * GET    /datasets/:id/versions/:v → VersionDetail
 * GET    /datasets/:id/diff?from&to → {changes: {path, before, after}[]}
 * GET    /datasets/:id/events   → WorkflowEvent[]
 * GET    /datasets/:id/comments → Comment[]
 * POST   /datasets/:id/comments unit_reviewer/finance_reviewer (who can view); {path, body} → 201 Comment
 * POST   /datasets/:id/actions/:action {comment?, explanations?: Record<string,string>, correctionNote?,
 *                                 fieldComments?: {path, body}[]} → DatasetDetail
 *                                 403 when this user may not take the action on this dataset; 409 when the state does not allow it now;
 *                                 submit: 422 when errors remain or a warning lacks an explanation: `fields` has the error's
 *                                 `location` → its message, and `explanationKey(warning)` → “请说明：…”; the explanations sent are
 *                                 merged over the stored ones (an empty one removes it);
 *                                 returns (unit_return, finance_return) need a comment (400 fields.comment) and may carry
 *                                 fieldComments (stored as comments on those paths; refused with other actions);
 *                                 publish enqueues a publish job and returns 202 {job: Job} (the worker renders the final
 *                                 bundle, stores it and moves the dataset to published; a failed render leaves it approved);
 *                                 publishing again after reopen needs correctionNote (400 fields.correctionNote); a version
 *                                 with errors is refused at once (422, fields as for submit); the body may be omitted
 * GET    /datasets/:id/preview  → text/html (the report as HTML, draft-marked when not final)
 * POST   /datasets/:id/render   {format: 'pdf'|'docx'|'xlsx'|'html'} → 202 {job: Job}
 * POST   /import                filler; multipart file (.xlsx ≤ 10 MB) + field year → {data: DatasetJson, read: string[], missing: string[], problems: string[]} (preview, nothing saved)
 *                                 413 too large; 415 not .xlsx (by name or content); 400 with the importer's Chinese message;
 *                                 `year` fills data.year when the workbook does not state it
 * GET    /jobs/:id              → Job (the requester's, or admin; 403 for another user's)
 * GET    /jobs/:id/files/:name  → the file (render results)
 * GET    /bundles               ?datasetId → Bundle[] (visible; published ones are public in the portal later)
 * GET    /bundles/:id/files/:name → the file, with header x-sha256
 * GET    /summary               finance_reviewer (own region and below; default own), admin (any, or all) ?year&region&format=json|xlsx|csv
 *                                 → Summary (src/app/summary.ts) or the file
 * POST   /reviews               finance_reviewer, admin; multipart: one or more fields `files` (.pdf .docx .html .htm .txt, or .zip of
 *                                 them; each ≤ 10 MB, ≤ MAX_REVIEW_FILES files, ≤ 30 MB in all; a zip's entries ≤ 100 MB unpacked) and an
 *                                 optional field `name` → 202 ReviewBatch (each accepted file is an `audit` job; files of another type are
 *                                 listed in `skipped` with the reason). 413 too large; 415 when no file is of a readable type
 * GET    /reviews               finance_reviewer, admin → ReviewBatchSummary[] (visible: a 财政审核人 sees the batches uploaded by
 *                                 财政审核人 of their region and the regions below it — their own and colleagues'; 管理员 all)
 * GET    /reviews/:id           → ReviewBatch (403 when not visible)
 * GET    /reviews/:id/files/:fileId → ReviewFileDetail (the text as read and each finding's quotes as offsets in it)
 * GET    /reviews/:id/findings.xlsx → every finding of the batch's files as an Excel workbook
 * GET    /docs                  OpenAPI UI; /docs/json the document
 */
export const API_PREFIX = '/api';
export const SESSION_COOKIE = 'juesuan_session';
export const CSRF_HEADER = 'x-csrf-token';
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The key of a warning's written explanation. */
export const explanationKey = (f: { rule: string; location: string }): string => `${f.rule}@${f.location}`;

// ---- reviewing reports published outside the system (issue 14 part 6)

/** File types a 财政审核人 may upload for review (a .zip may hold any number of them). */
export const REVIEW_EXTENSIONS = ['.pdf', '.docx', '.html', '.htm', '.txt'] as const;
/** At most this many files in one upload (a zip's entries counted). */
export const MAX_REVIEW_FILES = 100;
/** All the files of one upload together. */
export const MAX_REVIEW_UPLOAD_BYTES = 30 * 1024 * 1024;
/** A zip's entries unpacked together (zip-bomb guard). */
export const MAX_REVIEW_ZIP_UNPACKED_BYTES = 100 * 1024 * 1024;
/** The text kept of one document for highlighting (characters). */
export const MAX_REVIEW_TEXT_CHARS = 2_000_000;

export type ReviewFileStatus = 'queued' | 'running' | 'done' | 'failed';
export const REVIEW_STATUS_LABELS: Record<ReviewFileStatus, string> = { queued: '排队中', running: '审核中', done: '已完成', failed: '失败' };
/** 确定 (error) and 疑似 (warning), as the audit says them. */
export const REVIEW_SEVERITY_LABELS = { error: '确定', warning: '疑似' } as const;

export interface ReviewQuote {
  /** Exactly `text.slice(start, end)` of the file's text (cut to 120 characters when longer). */
  text: string;
  start: number;
  end: number;
  /** PDF: 1-based page. */
  page?: number;
}

/** An audit finding (src/audit's TextFinding) with its places as quotes of the uploaded file. */
export interface ReviewFinding extends Omit<TextFinding, 'spans'> {
  quotes: ReviewQuote[];
}

export interface ReviewFileSummary {
  id: number;
  name: string;
  bytes: number;
  sha256: string;
  status: ReviewFileStatus;
  /** Chinese: 排队中 / 正在读取 … */
  stage: string;
  /** Chinese, when failed: why (an unreadable file says what is wrong with it). */
  error: string | null;
  jobId: number;
  /** When done. */
  format?: string;
  unit?: string;
  year?: number;
  facts?: number;
  errors?: number;
  warnings?: number;
}

export interface ReviewBatchSummary {
  id: number;
  name: string;
  uploadedBy: string;
  /** The uploader's region when uploaded (null: 管理员). */
  region: string | null;
  createdAt: string;
  files: number;
  done: number;
  failed: number;
  errors: number;
  warnings: number;
}

export interface ReviewBatch extends Omit<ReviewBatchSummary, 'files'> {
  files: ReviewFileSummary[];
  /** Uploaded files that were not queued (another type, inside a zip too) with the Chinese reason. */
  skipped: { name: string; reason: string }[];
}

export interface ReviewFileDetail extends ReviewFileSummary {
  /** The text as read from the file (empty until done). */
  text: string;
  /** PDF: offsets in `text` where each page starts. */
  pageStarts?: number[];
  /** Whether `text` was cut at MAX_REVIEW_TEXT_CHARS. */
  truncated?: boolean;
  findings: ReviewFinding[];
}

/**
 * The sentence around a quote of `text` (up to `max` characters each side, stopping after 。！？； or a line break):
 * what a reader needs to see the quote in place. Pure, shared by the server's export and the browser.
 */
export function quoteContext(text: string, start: number, end: number, max = 80): { before: string; quote: string; after: string } {
  const stop = /[。！？；\n]/u;
  let a = start;
  while (a > 0 && start - a < max && !stop.test(text[a - 1]!)) a--;
  let b = end;
  while (b < text.length && b - end < max && !stop.test(text[b]!)) b++;
  if (b < text.length && text[b] !== '\n' && stop.test(text[b]!)) b++;
  return { before: text.slice(a, start), quote: text.slice(start, end), after: text.slice(end, b) };
}

// ---- the finance bureau's 汇总 (GET /api/summary; computed in src/app/summary.ts)

export interface SummaryLine {
  /** A concept id (totals, 三公) or a classification code (功能分类, 经济分类). */
  code: string;
  name: string;
  /** 万元, exact. */
  value: string;
  /** Units whose published figures have this line. */
  units: number;
}

export interface FunctionalLine extends SummaryLine {
  level: '类' | '款' | '项';
}

export interface UnitState {
  unit: string;
  unitCode: string;
  region: string;
  /** The year's dataset (for a link to it), or null when the unit has none. */
  datasetId: number | null;
  /** Workflow state of the year's dataset, or null when the unit has none. */
  status: Status | null;
  statusLabel: string;
  /** Findings of the latest version. */
  errors: number;
  warnings: number;
  /** The unit's figures are in the totals (a current published edition). */
  published: boolean;
}

export interface Summary {
  year: number;
  /** The region summed (with its sub-regions), or null: every region (管理员). */
  region: { code: string; name: string } | null;
  moneyUnit: '万元';
  /** Units whose published figures are summed. */
  publishedUnits: number;
  totals: SummaryLine[];
  sangong: SummaryLine[];
  operatingCost: SummaryLine;
  functional: FunctionalLine[];
  economic: SummaryLine[];
  /** Units of the region by workflow state of the year's dataset. */
  states: { published: number; pending: number; returned: number; draft: number; noDataset: number; total: number };
  /** Units whose latest version has error or warning findings. */
  withFindings: UnitState[];
  units: UnitState[];
}
