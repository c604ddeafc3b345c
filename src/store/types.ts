/**
 * The store's interface: what the application layer (src/app) asks of
 * PostgreSQL, whether embedded (PGlite, a data folder) or a server
 * (DATABASE_URL). Implemented in src/store/ by one set of SQL migrations and
 * parameterised queries (no SQL built from strings) that run on both engines.
 *
 * Every method that writes runs in one transaction: it happens whole or not at
 * all. Times are ISO 8601 strings. Ids are integers.
 */
import type {
  Action, Bundle, ReviewFinding, BundleFile, Comment, DatasetJson, JobKind, JobStatus, Organisation, Region, RegionLevel, Role, Status,
  StoredFinding, UserSummary, WorkflowEvent,
} from '../api/contract.js';

export interface UserRecord extends UserSummary {
  passwordHash: string;
}

export interface SessionRecord {
  /** SHA-256 (hex) of the cookie's token; the token itself is never stored. */
  tokenHash: string;
  userId: number;
  csrfToken: string;
  expiresAt: string;
}

export interface DatasetRecord {
  id: number;
  orgId: number;
  year: number;
  status: Status;
  /** The latest saved version (≥ 1). */
  version: number;
  createdAt: string;
  updatedAt: string;
  /** `${rule}@${location}` → the filler's written explanation of a warning. */
  explanations: Record<string, string>;
  /** The latest version's findings counted by severity (listDatasets gives them, so a list needs no version reads). */
  findingCounts?: { errors: number; warnings: number };
}

export interface VersionRecord {
  datasetId: number;
  version: number;
  data: DatasetJson;
  findings: StoredFinding[];
  savedBy: number;
  savedByName: string;
  savedAt: string;
  note: string | null;
}

export interface JobRecord {
  id: number;
  kind: JobKind;
  status: JobStatus;
  payload: Record<string, unknown>;
  progress: number;
  stage: string;
  error: string | null;
  result: Record<string, unknown> | null;
  requestedBy: number | null;
  attempts: number;
  lockedBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface NewBundleFile extends BundleFile {
  data: Uint8Array;
}

/** One fact of a bundle to publish (from `flatten(dataset)`), stored with the bundle. */
export interface NewFact {
  concept: string;
  /** The fact's own year (上年数: the report's year − 1). */
  year: number;
  scenario: 'actual' | 'budget_initial' | 'budget_adjusted' | 'budget';
  dims: Record<string, string>;
  /** Money in 分; counts as whole numbers. Exact. */
  value: bigint;
  precision: bigint;
  /** '万元' for money (value in 分), otherwise the count's unit (人, 辆 …). */
  unit: string;
  /** A total the dataset only implies (computed from stated facts). */
  derived: boolean;
  /** The dataset path (or, for a derived total, how it is computed). */
  source: string;
}

/** A fact of a published bundle, with where it belongs. */
export interface PublishedFact extends NewFact {
  id: number;
  bundleId: number;
  datasetId: number;
  orgId: number;
  orgCode: string;
  orgName: string;
  regionId: number;
  regionCode: string;
  regionName: string;
  /** The report's year. */
  reportYear: number;
  edition: number;
  /** The later edition that replaced this fact's bundle, or null: only null ones are the published figures. */
  supersededBy: number | null;
}

export interface FactFilter {
  regionIds?: number[];
  orgIds?: number[];
  /** The report's year. */
  year?: number;
  concepts?: string[];
  /** Also the facts of superseded editions (default: only current editions). */
  includeSuperseded?: boolean;
}

export interface FactSum {
  key: string;
  /** 分 (money) or the count, exact. */
  value: bigint;
  units: number;
}

export interface FactSums {
  units: number;
  /** Those units. */
  orgIds: number[];
  totals: FactSum[];
  /** key: a 功能分类 code prefix (3, 5 or 7 digits). */
  functional: FactSum[];
  /** key: a 经济分类 code, or `#concept` for the concept's whole. */
  economic: FactSum[];
}

/** The canonical text of a fact's dimensions: keys sorted, `k=v` joined by `;`. */
export function dimsKey(dims: Record<string, string>): string {
  return Object.keys(dims).sort().map((k) => `${k}=${dims[k]!}`).join(';');
}

/** Thrown by saveVersion when `baseVersion` is not the latest: nothing was written. */
export class VersionConflict extends Error {
  constructor(readonly current: VersionRecord) {
    super('版本冲突：数据已被他人更新');
    this.name = 'VersionConflict';
  }
}

/** Thrown by transition when the dataset is no longer in an allowed `from` state: nothing was written. */
export class StateConflict extends Error {
  constructor(readonly current: Status) {
    super('状态已变化');
    this.name = 'StateConflict';
  }
}

/** Thrown on a unique violation (a username, an org code, a unit-year taken): nothing was written. */
export class Duplicate extends Error {
  constructor(readonly what: string) {
    super(`${what}已存在`);
    this.name = 'Duplicate';
  }
}

export interface Store {
  /** 'pglite' (embedded, data folder or memory) or 'postgres' (DATABASE_URL). */
  readonly engine: 'pglite' | 'postgres';
  close(): Promise<void>;

  // regions and organisations
  addRegion(r: { code: string; name: string; level: RegionLevel; parentId: number | null }): Promise<Region>;
  listRegions(): Promise<Region[]>;
  /** The region and every region below it. */
  regionSubtree(regionId: number): Promise<number[]>;
  addOrganisation(o: Omit<Organisation, 'id'>): Promise<Organisation>;
  getOrganisation(id: number): Promise<Organisation | null>;
  listOrganisations(filter?: { regionIds?: number[]; ids?: number[]; codes?: string[] }): Promise<Organisation[]>;

  // users and sessions
  addUser(u: Omit<UserRecord, 'id' | 'disabled'> & { disabled?: boolean }): Promise<UserRecord>;
  updateUser(id: number, patch: Partial<Omit<UserRecord, 'id' | 'username'>>): Promise<UserRecord | null>;
  getUser(id: number): Promise<UserRecord | null>;
  getUserByName(username: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  countUsers(): Promise<number>;
  addSession(s: SessionRecord): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRecord | null>;
  deleteSession(tokenHash: string): Promise<void>;

  // datasets and their versions
  /** Creates the dataset with version 1 (and its findings) and a 'create' (or 'import') event. Duplicate if the unit-year exists. */
  createDataset(d: {
    orgId: number; year: number; data: DatasetJson; findings: StoredFinding[]; userId: number; note?: string | null; action?: 'create' | 'import';
  }): Promise<DatasetRecord>;
  getDataset(id: number): Promise<DatasetRecord | null>;
  findDataset(orgId: number, year: number): Promise<DatasetRecord | null>;
  listDatasets(filter: { orgIds?: number[]; year?: number; status?: Status }): Promise<DatasetRecord[]>;
  /**
   * Saves version baseVersion+1 with its findings, in one transaction that
   * locks the dataset row; VersionConflict (nothing written) when baseVersion
   * is not the latest.
   */
  saveVersion(datasetId: number, v: { baseVersion: number; data: DatasetJson; findings: StoredFinding[]; userId: number; note?: string | null }): Promise<VersionRecord>;
  getVersion(datasetId: number, version: number): Promise<VersionRecord | null>;
  listVersions(datasetId: number): Promise<Omit<VersionRecord, 'data'>[]>;

  // workflow
  /**
   * Moves the dataset from one of `from` to `to` and appends the event, in one
   * transaction; StateConflict when its state is not in `from`. `explanations`,
   * when given, replace the stored ones.
   */
  transition(datasetId: number, t: {
    from: readonly Status[]; to: Status; action: Action; userId: number; comment?: string | null; explanations?: Record<string, string>;
  }): Promise<DatasetRecord>;
  listEvents(datasetId: number): Promise<WorkflowEvent[]>;
  addComment(datasetId: number, c: { path: string; body: string; userId: number; version: number }): Promise<Comment>;
  listComments(datasetId: number): Promise<Comment[]>;

  // published bundles: immutable once written
  /**
   * Stores the bundle and its files (with their SHA-256) in one transaction;
   * marks the dataset's previous edition superseded by it. Edition numbers
   * count from 1 per dataset.
   */
  addBundle(b: {
    datasetId: number; datasetVersion: number; userId: number; correctionNote: string | null; files: NewBundleFile[];
    /** The bundle's facts (the publish job always gives them), stored in the same transaction. */
    facts?: NewFact[];
    /**
     * The public unit page's figures of this edition (computed by the app from the dataset it publishes), stored in the
     * same transaction; opaque JSON to the store: `measures` (small) and `details`.
     */
    figures?: { measures: unknown; details: unknown };
    /** The workflow step to 已公开, taken in the same transaction (StateConflict and nothing written when the state moved). */
    publish?: { from: readonly Status[]; to: Status; action: Action; userId: number; comment?: string | null };
  }): Promise<Bundle>;
  listBundles(filter: { datasetId?: number; orgIds?: number[] }): Promise<Bundle[]>;
  getBundle(id: number): Promise<Bundle | null>;
  /** The newest bundle's id (0 when none): published figures change only with a new bundle, so it stamps them. */
  latestBundleId(): Promise<number>;
  getBundleFile(bundleId: number, name: string): Promise<(BundleFile & { data: Uint8Array }) | null>;
  /** The figures stored with these bundles (those published with none are absent); `details` only when asked. */
  bundleFigures(bundleIds: readonly number[], opts?: { details?: boolean }): Promise<Map<number, { measures: unknown; details?: unknown }>>;
  /**
   * In one statement, for the public pages: every edition of the bundle's dataset (`bundleId`), or every bundle of
   * the organisations with these codes (`orgCodes`), with their files' metadata, organisations and regions (and,
   * when asked, the figures kept with the current editions).
   */
  publishedOf(q: { bundleId: number } | { orgCodes: string[]; figures?: 'measures' | 'details' }): Promise<{
    bundles: (Bundle & { orgId: number })[]; orgs: Organisation[]; regions: Region[];
    /** With `figures`: those kept with the current editions (as bundleFigures gives them), in the same statement. */
    figures?: Map<number, { measures: unknown; details?: unknown }>;
  }>;

  // published facts (written only by addBundle)
  /**
   * Facts of published bundles in id order, at most `limit` (default 1000)
   * after `afterId`: one keyset page. Only current editions unless asked.
   */
  listFacts(filter: FactFilter, page?: { afterId?: number; limit?: number }): Promise<PublishedFact[]>;
  /** Every fact of the filter, page by page (keyset): never all in memory. */
  streamFacts(filter: FactFilter, pageSize?: number): AsyncIterable<PublishedFact>;
  /**
   * The 汇总's sums over current editions of the report year `year` (regions: with those below, given by the caller),
   * exactly (bigint 分 summed as numeric), of the concepts in src/store/summed.ts: undimensioned 决算数 of the year per
   * concept of SUMMED_TOTALS; stated (not derived) lines of EXPENSE_KINDS by 功能分类 code prefix of 3, 5 and 7 digits;
   * stated lines of BASIC_KINDS by 经济分类 code and by concept; each with the count of units it adds up. `units` counts
   * distinct units with a 决算数 of the year in SUMMED_CONCEPTS. Read from the lines kept per region and year at
   * publication (region_sums, migration 005).
   */
  sumFacts(q: { regionIds?: number[]; year: number }): Promise<FactSums>;

  // jobs: a PostgreSQL-backed queue (FOR UPDATE SKIP LOCKED)
  enqueueJob(j: { kind: JobKind; payload: Record<string, unknown>; requestedBy: number | null }): Promise<JobRecord>;
  /** Claims the oldest queued job (status → running, attempts+1, lockedBy = worker), or null. Safe across processes. */
  claimJob(workerId: string): Promise<JobRecord | null>;
  updateJob(id: number, patch: { progress?: number; stage?: string }): Promise<void>;
  finishJob(id: number, outcome: { result: Record<string, unknown> } | { error: string }): Promise<void>;
  getJob(id: number): Promise<JobRecord | null>;
  /** Files a render job produced (kept until the job is deleted). */
  addJobFile(jobId: number, f: NewBundleFile): Promise<void>;
  getJobFile(jobId: number, name: string): Promise<(BundleFile & { data: Uint8Array }) | null>;
  /** Running jobs whose lock is older than `olderThanMs` go back to the queue (a worker died). Returns how many. */
  requeueStale(olderThanMs: number): Promise<number>;

  // reports of other bodies under review (append-only)
  /** The batch and its files, each with an `audit` job enqueued, in one transaction. */
  addReviewBatch(b: { name: string; userId: number; regionId: number | null; skipped: { name: string; reason: string }[]; files: NewBundleFile[] }): Promise<ReviewBatchRecord>;
  /** Newest first (at most 500): of these regions, or all when `regionIds` is undefined. */
  listReviewBatches(filter: { regionIds?: number[] }): Promise<ReviewBatchRecord[]>;
  getReviewBatch(id: number): Promise<ReviewBatchRecord | null>;
  /** The file an audit job reviews, with its bytes. */
  getReviewFileOfJob(jobId: number): Promise<(ReviewFileRecord & { data: Uint8Array }) | null>;
  /** Written once per file (a second is refused by the primary key). */
  addReviewResult(fileId: number, r: ReviewResultRecord): Promise<void>;
  getReviewResult(fileId: number): Promise<ReviewResultRecord | null>;
}

/** An uploaded file under review, with its job's state and (when done) its result's counts. */
export interface ReviewFileRecord {
  id: number;
  batchId: number;
  name: string;
  bytes: number;
  sha256: string;
  jobId: number;
  jobStatus: JobStatus;
  jobStage: string;
  jobError: string | null;
  result: { format: string; unit: string | null; year: number | null; facts: number; errors: number; warnings: number } | null;
}

export interface ReviewBatchRecord {
  id: number;
  name: string;
  uploadedBy: number;
  uploadedByName: string;
  regionId: number | null;
  regionName: string | null;
  skipped: { name: string; reason: string }[];
  createdAt: string;
  files: ReviewFileRecord[];
}

export interface ReviewResultRecord {
  format: string;
  text: string;
  truncated: boolean;
  pageStarts: number[] | null;
  unit: string | null;
  year: number | null;
  facts: number;
  errors: number;
  warnings: number;
  findings: ReviewFinding[];
}

export interface StoreOptions {
  /** postgres://… — a PostgreSQL server; otherwise PGlite. */
  databaseUrl?: string;
  /** PGlite's data folder; omitted = in memory (tests). */
  dataDir?: string;
  /** PostgreSQL schema to use (created if missing; tests use one each). Default 'public'. */
  schema?: string;
}
