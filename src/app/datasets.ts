/**
 * Datasets as the web application sees them: create (empty, or carried on
 * from last year), save a new version (validated and reviewed first), check
 * without saving, detail, versions, diffs, events and comments. Every function
 * takes the store and the acting user and throws AppError.
 */
import {
  type Comment, type DatasetDetail, type DatasetJson, type DatasetSummary, type Organisation, type Region, type Status,
  type StoredFinding, type VersionDetail, type VersionSummary, type WorkflowEvent,
} from '../api/contract.js';
import { concept, DatasetError, flatten, parseDataset, type Dataset } from '../model/index.js';
import { datasetToRaw, formatAmount, DATASET_FORMAT } from '../model/save.js';
import { findProfile, PROFILES, type Profile } from '../profiles/index.js';
import type { Finding } from '../rules/index.js';
import { Duplicate, VersionConflict, type DatasetRecord, type Store, type VersionRecord } from '../store/types.js';
import { allowedActions, canEdit, requireRole, viewableDataset, visibleOrgIds, type Actor } from './access.js';
import { diffJson, type Change } from './diff.js';
import { crossYearFindings } from './crossYear.js';
import { AppError, badRequest, forbidden } from './errors.js';
import { renderDataset } from './render.js';
import { reviewDataset } from './review.js';

export interface Reviewed {
  dataset: Dataset;
  profile: Profile;
  /** The dataset in its JSON form (what is stored). */
  data: DatasetJson;
  findings: StoredFinding[];
  /** No error-level finding. */
  final: boolean;
}

export function storedFinding(f: Finding): StoredFinding {
  return {
    rule: f.rule, severity: f.severity, message: f.message, location: f.location, hint: f.hint,
    ...(f.expected !== undefined ? { expected: f.expected } : {}),
    ...(f.stated !== undefined ? { stated: f.stated } : {}),
    ...(f.difference !== undefined ? { difference: f.difference } : {}),
    ...(f.unit !== undefined ? { unit: f.unit } : {}),
    ...(f.related?.length ? { related: f.related } : {}),
  };
}

/** The Chinese messages of a dataset that does not parse, keyed by path ('' for the whole: `dataset`). */
export function fieldsOf(e: DatasetError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const i of e.issues) {
    const key = i.path || 'data';
    fields[key] = fields[key] ? `${fields[key]}；${i.message}` : i.message;
  }
  return fields;
}

/** The dataset JSON parsed and its profile found (no review); bad data is a 400 naming the fields. */
export function parseJson(data: unknown): { dataset: Dataset; profile: Profile } {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw badRequest('数据应为一个对象（键: 值）', { data: '数据应为一个对象（键: 值）' });
  }
  let dataset: Dataset;
  try {
    dataset = parseDataset(JSON.stringify(data), 'dataset.json');
  } catch (e) {
    if (e instanceof DatasetError) {
      throw badRequest(`数据有 ${e.issues.length} 处错误，未保存`, fieldsOf(e));
    }
    throw e;
  }
  const profileId = dataset.profile ?? 'sichuan';
  const profile = findProfile(profileId);
  if (!profile) {
    const msg = `未知的模板“${profileId}”；可用：${Object.keys(PROFILES).join('、')}`;
    throw badRequest(msg, { profile: msg });
  }
  return { dataset, profile };
}

/** Parses the dataset JSON (400 with `fields` when it is not a dataset) and runs the review on it. */
export function reviewJson(data: unknown): Reviewed {
  const { dataset, profile } = parseJson(data);
  const { report, final } = reviewDataset(dataset, profile);
  return { dataset, profile, data: datasetToRaw(dataset) as DatasetJson, findings: report.findings.map(storedFinding), final };
}

/**
 * reviewJson, plus the cross-year review against the unit's saved dataset of
 * the year before (its latest version), when there is one that still parses.
 */
export async function reviewForUnit(store: Store, orgId: number, year: number, data: unknown): Promise<Reviewed> {
  const r = reviewJson(data);
  const last = await store.findDataset(orgId, year - 1);
  const lastVersion = last && (await store.getVersion(last.id, last.version));
  if (!lastVersion) return r;
  let lastYear: Dataset;
  try {
    lastYear = parseDataset(JSON.stringify(lastVersion.data), 'dataset.json');
  } catch {
    return r; // last year's saved data no longer parses (an older schema): nothing to compare
  }
  const cross = crossYearFindings(r.dataset, lastYear, lastVersion.version);
  return cross.length === 0 ? r : { ...r, findings: [...r.findings, ...cross] };
}

const count = (findings: readonly StoredFinding[], severity: StoredFinding['severity']) => findings.filter((f) => f.severity === severity).length;

/** Organisation and region names, loaded once per request. */
class Names {
  private orgs = new Map<number, Organisation | null>();
  constructor(private readonly store: Store) {}
  async org(id: number): Promise<Organisation | null> {
    if (!this.orgs.has(id)) this.orgs.set(id, await this.store.getOrganisation(id));
    return this.orgs.get(id)!;
  }
}

async function summaryOf(store: Store, d: DatasetRecord, names: Names, findings?: readonly StoredFinding[], publishedBundleId?: number | null): Promise<DatasetSummary> {
  const org = await names.org(d.orgId);
  // A list's records carry their counts; a detail passes the findings it already has.
  const f = findings ?? (d.findingCounts ? null : ((await store.getVersion(d.id, d.version))?.findings ?? []));
  const counts = f ? { errors: count(f, 'error'), warnings: count(f, 'warning') } : d.findingCounts!;
  let published = publishedBundleId;
  if (published === undefined) {
    const bundles = await store.listBundles({ datasetId: d.id });
    published = latestBundle(bundles)?.id ?? null;
  }
  return {
    id: d.id, orgId: d.orgId, orgName: org?.name ?? '', regionId: org?.regionId ?? 0, year: d.year, status: d.status,
    version: d.version, updatedAt: d.updatedAt, errors: counts.errors, warnings: counts.warnings, publishedBundleId: published,
  };
}

function latestBundle<B extends { id: number; edition: number; supersededBy: number | null }>(bundles: readonly B[]): B | undefined {
  return bundles.filter((b) => b.supersededBy === null).sort((a, b) => b.edition - a.edition)[0];
}

export async function listDatasets(store: Store, user: Actor, filter: { year?: number; status?: Status }): Promise<DatasetSummary[]> {
  const orgIds = await visibleOrgIds(store, user);
  if (orgIds !== null && orgIds.length === 0) return [];
  const records = await store.listDatasets({ ...(orgIds ? { orgIds } : {}), ...filter });
  const bundles = await store.listBundles(orgIds ? { orgIds } : {});
  const names = new Names(store);
  const out: DatasetSummary[] = [];
  for (const d of records) {
    out.push(await summaryOf(store, d, names, undefined, latestBundle(bundles.filter((b) => b.datasetId === d.id))?.id ?? null));
  }
  return out;
}

export async function datasetDetail(store: Store, user: Actor, id: number): Promise<DatasetDetail> {
  const d = await viewableDataset(store, user, id);
  return detailOf(store, user, d);
}

export async function detailOf(store: Store, user: Actor, d: DatasetRecord, version?: VersionRecord): Promise<DatasetDetail> {
  const v = version ?? (await store.getVersion(d.id, d.version));
  if (!v) throw new AppError('not_found', '数据集的版本不存在');
  return {
    ...(await summaryOf(store, d, new Names(store), v.findings)),
    data: v.data,
    findings: v.findings,
    explanations: d.explanations,
    allowedActions: allowedActions(user, d),
    editable: canEdit(user, d),
  };
}

const PLACEHOLDER_DUTY = '（请填写本单位的主要职能）';

/** The region names of an organisation, province → county, as the dataset's `unit.region` states them. */
function regionNames(regions: readonly Region[], regionId: number): { province: string; city?: string; county?: string } {
  const byId = new Map(regions.map((r) => [r.id, r]));
  const out: { province?: string; city?: string; county?: string } = {};
  for (let r = byId.get(regionId); r; r = r.parentId === null ? undefined : byId.get(r.parentId)) {
    if (r.level === '省') out.province = r.name;
    else if (r.level === '市') out.city = r.name;
    else out.county = r.name;
  }
  return { province: out.province ?? '', ...(out.city ? { city: out.city } : {}), ...(out.county ? { county: out.county } : {}) };
}

/** A dataset with no figures yet: the unit's description and empty tables. */
export function skeleton(year: number, unit: Record<string, unknown>, base: { moneyUnit?: string; profile?: string; tableSet?: string } = {}): DatasetJson {
  return {
    format: DATASET_FORMAT,
    year,
    moneyUnit: base.moneyUnit ?? '万元',
    profile: base.profile ?? 'sichuan',
    ...(base.tableSet ? { tableSet: base.tableSet } : {}),
    unit,
    income: {},
    openingBalance: {},
    expenditure: [],
    closingBalance: {},
    basicExpense: { items: [] },
    sangong: { budget: {}, actual: {} },
    procurement: {},
    assets: {},
    prior: {},
  };
}

/** Last year's stated and derived totals as this year's 上年数 (`prior`), keyed like the dataset's `prior`. */
export function priorFrom(previous: Dataset): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const f of flatten(previous)) {
    if (f.year !== previous.year || f.scenario !== 'actual') continue;
    const dims = Object.keys(f.dims);
    if (dims.length > 1 || (dims.length === 1 && dims[0] !== 'functional')) continue;
    const key = dims.length ? `${f.concept}@${f.dims.functional}` : f.concept;
    if (key in out) continue;
    const kind = concept(f.concept)?.kind;
    if (kind === 'money') {
      if (f.value < 0n && !['balance.distribution', 'balance.opening', 'balance.closing'].includes(f.concept)) continue;
      try {
        // An exact figure that is a whole number of the unit's usual step is written as typed (0.00, not 0.00元).
        const step = previous.moneyUnit === '万元' ? 10_000n : 1n; // 0.01 of the unit, in 分
        const precision = f.precision < step && f.value % step === 0n ? step : f.precision;
        out[key] = formatAmount({ fen: f.value, precision }, previous.moneyUnit);
      } catch {
        // A derived total with no stated precision of its own cannot be written: not carried.
      }
    } else if (kind === 'count' || kind === 'people') {
      out[key] = Number(f.value);
    }
  }
  return out;
}

export async function createDataset(store: Store, user: Actor, o: { year: number; from?: 'empty' | 'previous' }): Promise<DatasetDetail> {
  requireRole(user, 'filler');
  if (user.orgId === null) throw forbidden('您的账号没有所属单位，不能新建数据');
  if (!Number.isInteger(o.year) || o.year < 2000 || o.year > 2100) throw badRequest('年度应在2000至2100之间', { year: '年度应在2000至2100之间' });
  const org = await store.getOrganisation(user.orgId);
  if (!org) throw new AppError('not_found', '所属单位不存在');
  if (await store.findDataset(org.id, o.year)) throw new AppError('conflict', `${org.name}${o.year}年度的数据已存在`);
  let data: DatasetJson;
  if (o.from === 'previous') {
    const prev = await store.findDataset(org.id, o.year - 1);
    const prevVersion = prev && (await store.getVersion(prev.id, prev.version));
    if (!prevVersion) {
      const msg = `没有${o.year - 1}年度的数据，不能沿用上年数据`;
      throw badRequest(msg, { from: msg });
    }
    const previous = parseJson(prevVersion.data).dataset;
    const raw = prevVersion.data as Record<string, unknown>;
    data = {
      ...skeleton(o.year, raw.unit as Record<string, unknown>, {
        moneyUnit: previous.moneyUnit, ...(previous.profile ? { profile: previous.profile } : {}), ...(previous.tableSet ? { tableSet: previous.tableSet } : {}),
      }),
      prior: priorFrom(previous),
    };
  } else {
    // The unit's description from its latest dataset of any year, when it has one; else from the organisation.
    const earlier = (await store.listDatasets({ orgIds: [org.id] })).sort((x, y) => y.year - x.year)[0];
    const earlierVersion = earlier && (await store.getVersion(earlier.id, earlier.version));
    const earlierUnit = (earlierVersion?.data as Record<string, unknown> | undefined)?.unit;
    const regions = await store.listRegions();
    data = earlierUnit && typeof earlierUnit === 'object' ? skeleton(o.year, earlierUnit as Record<string, unknown>) : skeleton(o.year, {
      name: org.name,
      shortName: org.name,
      region: regionNames(regions, org.regionId),
      level: org.kind,
      kind: '行政',
      duties: [PLACEHOLDER_DUTY],
      organisation: { internal: [], subordinates: [], managed: [] },
      staffing: { authorized: {}, actual: {} },
    });
  }
  const r = await reviewForUnit(store, org.id, o.year, data);
  let d: DatasetRecord;
  try {
    d = await store.createDataset({
      orgId: org.id, year: o.year, data: r.data, findings: r.findings, userId: user.id,
      note: o.from === 'previous' ? `沿用${o.year - 1}年度数据` : '新建', action: 'create',
    });
  } catch (e) {
    if (e instanceof Duplicate) throw new AppError('conflict', `${org.name}${o.year}年度的数据已存在`);
    throw e;
  }
  return detailOf(store, user, d);
}

export function versionDetail(v: VersionRecord): VersionDetail {
  return { ...versionSummary(v), data: v.data, findings: v.findings };
}

export function versionSummary(v: Omit<VersionRecord, 'data'>): VersionSummary {
  return {
    version: v.version, savedAt: v.savedAt, savedBy: v.savedByName, note: v.note,
    errors: count(v.findings, 'error'), warnings: count(v.findings, 'warning'),
  };
}

/** Saves a new version: 400 (nothing saved) when it is not a dataset, 409 with the current version when `baseVersion` is stale. */
export async function saveDataset(
  store: Store, user: Actor, id: number, body: { baseVersion: number; data: unknown; note?: string | null },
): Promise<DatasetDetail> {
  const d = await viewableDataset(store, user, id);
  if (user.role !== 'filler' || user.orgId !== d.orgId) throw forbidden('只有本单位的填报人可以修改数据');
  if (!canEdit(user, d)) throw new AppError('conflict', '当前状态不能修改数据（仅草稿或退回的数据可以修改）');
  const r = await reviewForUnit(store, d.orgId, d.year, body.data);
  if (r.dataset.year !== d.year) {
    const msg = `年度应为${d.year}（与本数据集一致）`;
    throw badRequest(msg, { year: msg });
  }
  try {
    const v = await store.saveVersion(d.id, { baseVersion: body.baseVersion, data: r.data, findings: r.findings, userId: user.id, note: body.note ?? null });
    const fresh = (await store.getDataset(d.id)) ?? d;
    return await detailOf(store, user, fresh, v);
  } catch (e) {
    if (e instanceof VersionConflict) {
      throw new AppError('conflict', `数据已被${e.current.savedByName}更新为第${e.current.version}版，请在最新版本上修改`, undefined, { current: versionDetail(e.current) });
    }
    throw e;
  }
}

export interface CheckResult {
  findings: StoredFinding[];
  valid: boolean;
  fields?: Record<string, string>;
}

/** The server's verdict on unsaved data: `valid` when it is a dataset that could be saved, with the review's findings. */
export async function checkDataset(store: Store, user: Actor, id: number, data: unknown): Promise<CheckResult> {
  const d = await viewableDataset(store, user, id);
  try {
    const r = await reviewForUnit(store, d.orgId, d.year, data);
    return { findings: r.findings, valid: true };
  } catch (e) {
    if (e instanceof AppError && e.kind === 'bad_request') return { findings: [], valid: false, fields: e.fields ?? { data: e.message } };
    throw e;
  }
}

export async function listVersions(store: Store, user: Actor, id: number): Promise<VersionSummary[]> {
  await viewableDataset(store, user, id);
  return (await store.listVersions(id)).map(versionSummary);
}

export async function getVersion(store: Store, user: Actor, id: number, version: number): Promise<VersionDetail> {
  await viewableDataset(store, user, id);
  const v = await store.getVersion(id, version);
  if (!v) throw new AppError('not_found', `第${version}版不存在`);
  return versionDetail(v);
}

export async function diffVersions(store: Store, user: Actor, id: number, from: number, to: number): Promise<{ changes: Change[] }> {
  await viewableDataset(store, user, id);
  const [a, b] = await Promise.all([store.getVersion(id, from), store.getVersion(id, to)]);
  if (!a) throw new AppError('not_found', `第${from}版不存在`);
  if (!b) throw new AppError('not_found', `第${to}版不存在`);
  return { changes: diffJson(a.data, b.data) };
}

export async function listEvents(store: Store, user: Actor, id: number): Promise<WorkflowEvent[]> {
  await viewableDataset(store, user, id);
  return store.listEvents(id);
}

export async function listComments(store: Store, user: Actor, id: number): Promise<Comment[]> {
  await viewableDataset(store, user, id);
  return store.listComments(id);
}

export const MAX_COMMENT_CHARS = 2000;

export function commentProblem(body: string): string | undefined {
  if (body.trim() === '') return '意见不能为空';
  if ([...body].length > MAX_COMMENT_CHARS) return `意见最多${MAX_COMMENT_CHARS}个字符`;
  return undefined;
}

export async function addComment(store: Store, user: Actor, id: number, c: { path: string; body: string }): Promise<Comment> {
  const d = await viewableDataset(store, user, id);
  requireRole(user, 'unit_reviewer', 'finance_reviewer');
  const problem = commentProblem(c.body);
  if (problem) throw badRequest(problem, { body: problem });
  return store.addComment(d.id, { path: c.path.trim(), body: c.body.trim(), userId: user.id, version: d.version });
}

/**
 * Saved versions never change, so neither does their report: previews are kept
 * by dataset and version, the least recently used dropped past PREVIEW_CACHE_BYTES.
 */
export const PREVIEW_CACHE_BYTES = 64 * 1024 * 1024;
const previews = new Map<string, Uint8Array>();
let previewBytes = 0;

/** The report of the dataset's latest version as HTML (a draft marked as one), for a user who may view it. */
export async function previewHtml(store: Store, user: Actor, id: number): Promise<Uint8Array> {
  const d = await viewableDataset(store, user, id);
  // The store (one PGlite file, or a server schema) is part of the key: two stores in one process never share.
  const key = `${storeKey(store)}:${d.id}:${d.version}`;
  const hit = previews.get(key);
  if (hit) {
    previews.delete(key);
    previews.set(key, hit);
    return hit;
  }
  const v = await store.getVersion(d.id, d.version);
  if (!v) throw new AppError('not_found', '数据集的版本不存在');
  const { dataset, profile } = parseJson(v.data);
  const html = (await renderDataset(dataset, profile, ['html'], { draft: true })).files[0]!.data;
  previews.set(key, html);
  previewBytes += html.byteLength;
  for (const [k, old] of previews) {
    if (previewBytes <= PREVIEW_CACHE_BYTES) break;
    previews.delete(k);
    previewBytes -= old.byteLength;
  }
  return html;
}

const storeKeys = new WeakMap<Store, number>();
let nextStoreKey = 0;
function storeKey(store: Store): number {
  let k = storeKeys.get(store);
  if (k === undefined) storeKeys.set(store, (k = ++nextStoreKey));
  return k;
}
