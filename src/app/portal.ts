/**
 * The public portal's data (issue 14): what has been published, and only that.
 * A report is public when a bundle holds it; of a dataset's bundles only the
 * current edition (not superseded) gives figures, the earlier ones are its
 * 已更正 history. The figures are those the publish job computed from the
 * published dataset and stored with the bundle (`portalFiguresOf`, migration
 * 005); a bundle published without them has its open-data JSON file read
 * instead (immutable once stored, so parsed once and cached). Never from a
 * dataset's versions: a draft, a submission or an approval that is not yet
 * published never reaches the portal.
 */
import type { Bundle, Organisation, Region } from '../api/contract.js';
import { crossYearOfSides, crossYearSide, type CrossYearFact, type CrossYearSide } from './crossYear.js';
import { flatten, parseDataset, type Dataset } from '../model/index.js';
import { changeOf, divRound, formatPercent, percentOf, formatWan, formatYuan, wan, type Change } from '../money/index.js';
import { openFact, type OpenFact } from '../render/json/index.js';
import type { Store } from '../store/types.js';

/** A fact of a published report's open-data JSON (what render/json writes). */
export type OpenFactJson = OpenFact;

export interface OpenData {
  facts: OpenFactJson[];
  /** The dataset as published, for the cross-year rule (null when it cannot be read back). */
  dataset: Dataset | null;
}

/** A current edition with its unit and region. */
export interface PublishedReport {
  bundle: Bundle;
  org: Organisation;
  region: Region;
  year: number;
}

export class PortalError extends Error {
  constructor(readonly status: 400 | 404, message: string) {
    super(message);
    this.name = 'PortalError';
  }
}

export interface PortalIndex {
  regions: Region[];
  orgs: Organisation[];
  /** Current editions only. */
  reports: PublishedReport[];
  /** Every bundle (all editions), by dataset id. */
  editionsOf: Map<number, Bundle[]>;
  orgOfDataset: Map<number, number>;
}

/**
 * What is published, read fresh from the store (their files are what is cached): everything, or only the
 * given organisations' (a report's or a unit's page reads one unit's, not the 10,000 of a province).
 */
export async function portalIndex(store: Store, scope?: { orgIds: number[] }): Promise<PortalIndex> {
  const [bundles, datasets, orgs, regions] = await Promise.all([
    store.listBundles(scope ? { orgIds: scope.orgIds } : {}),
    store.listDatasets(scope ? { orgIds: scope.orgIds } : {}),
    store.listOrganisations(scope ? { ids: scope.orgIds } : undefined),
    store.listRegions(),
  ]);
  const orgOfDataset = new Map(datasets.map((d) => [d.id, d.orgId]));
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const regionById = new Map(regions.map((r) => [r.id, r]));
  const editionsOf = new Map<number, Bundle[]>();
  for (const b of bundles) {
    const list = editionsOf.get(b.datasetId) ?? [];
    list.push(b);
    editionsOf.set(b.datasetId, list);
  }
  for (const list of editionsOf.values()) list.sort((a, b) => a.edition - b.edition);
  const reports: PublishedReport[] = [];
  for (const b of bundles) {
    if (b.supersededBy !== null) continue;
    const org = orgById.get(orgOfDataset.get(b.datasetId) ?? -1);
    const region = org ? regionById.get(org.regionId) : undefined;
    if (!org || !region) continue;
    reports.push({ bundle: b, org, region, year: b.year });
  }
  reports.sort((a, b) => a.region.code.localeCompare(b.region.code) || a.org.code.localeCompare(b.org.code) || b.year - a.year);
  return { regions, orgs, reports, editionsOf, orgOfDataset };
}

const CACHE_LIMIT = 500;
const caches = new WeakMap<Store, Map<number, Promise<OpenData>>>();

/** The bundle's open-data JSON file, parsed (cached by bundle id: a bundle never changes). */
export function openDataOf(store: Store, bundle: Bundle): Promise<OpenData> {
  let cache = caches.get(store);
  if (!cache) caches.set(store, (cache = new Map()));
  const hit = cache.get(bundle.id);
  if (hit) return hit;
  const p = readOpenData(store, bundle);
  cache.set(bundle.id, p);
  p.catch(() => cache.delete(bundle.id));
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return p;
}

async function readOpenData(store: Store, bundle: Bundle): Promise<OpenData> {
  const file = bundle.files.find((f) => f.name.toLowerCase().endsWith('.json'));
  if (!file) return { facts: [], dataset: null };
  const stored = await store.getBundleFile(bundle.id, file.name);
  if (!stored) return { facts: [], dataset: null };
  let json: { facts?: OpenFactJson[]; dataset?: unknown };
  try {
    json = JSON.parse(new TextDecoder().decode(stored.data)) as typeof json;
  } catch {
    // Not the open-data form (an old or foreign file): the report is listed, its figures show as not stated.
    return { facts: [], dataset: null };
  }
  let dataset: Dataset | null = null;
  try {
    dataset = json.dataset ? parseDataset(JSON.stringify(json.dataset), 'open-data.json') : null;
  } catch {
    dataset = null;
  }
  return { facts: Array.isArray(json.facts) ? json.facts : [], dataset };
}

// ---------------------------------------------------------------------------
// Measures

export interface Measure {
  key: string;
  label: string;
  group: string;
  concept: string;
  kind: 'money' | 'count';
  /** Summed over this dimension when no undimensioned fact is stated. */
  sumOver?: string;
}

export const MEASURES: readonly Measure[] = [
  { key: 'income', label: '本年收入合计', group: '收入', concept: 'income.total', kind: 'money' },
  { key: 'expense', label: '本年支出合计', group: '支出', concept: 'expense.total', kind: 'money' },
  { key: 'expense_basic', label: '基本支出', group: '支出', concept: 'expense.basic', kind: 'money' },
  { key: 'expense_project', label: '项目支出', group: '支出', concept: 'expense.project', kind: 'money' },
  { key: 'fiscal', label: '财政拨款支出', group: '财政拨款', concept: 'expense.fiscal', kind: 'money' },
  { key: 'sangong', label: '“三公”经费', group: '三公经费', concept: 'sangong.total', kind: 'money' },
  { key: 'sangong_abroad', label: '因公出国（境）费', group: '三公经费', concept: 'sangong.abroad', kind: 'money' },
  { key: 'sangong_vehicle', label: '公务用车购置及运行维护费', group: '三公经费', concept: 'sangong.vehicle', kind: 'money' },
  { key: 'sangong_reception', label: '公务接待费', group: '三公经费', concept: 'sangong.reception', kind: 'money' },
  { key: 'operating_cost', label: '机关运行经费', group: '机关运行经费', concept: 'operating_cost', kind: 'money' },
  { key: 'procurement', label: '政府采购支出总额', group: '政府采购', concept: 'procurement.total', kind: 'money' },
  { key: 'vehicles', label: '公务用车保有量（辆）', group: '资产', concept: 'vehicles.held', kind: 'count' },
  { key: 'equipment_general', label: '单价50万元以上通用设备（台（套））', group: '资产', concept: 'equipment.general_500k', kind: 'count' },
  { key: 'equipment_special', label: '单价100万元以上专用设备（台（套））', group: '资产', concept: 'equipment.special_1m', kind: 'count' },
  { key: 'evaluated_projects', label: '开展绩效自评的项目（个）', group: '绩效自评', concept: 'performance.self_evaluation', kind: 'count' },
  { key: 'evaluated_funds', label: '开展绩效自评的项目资金', group: '绩效自评', concept: 'performance.self_evaluation_funds', kind: 'money' },
  { key: 'staff', label: '实有在职人员（人）', group: '人员', concept: 'staffing.actual', kind: 'count', sumOver: 'staffKind' },
];
export const MEASURE_BY_KEY = new Map(MEASURES.map((m) => [m.key, m]));
/** Measures that may be divided by the staff (money measures). */
export const PER_STAFF_KEYS = ['sangong', 'operating_cost'] as const;

/** A measure's value in a report of `year` (分 for money, the count otherwise); null when the report does not state it. */
export function valueOf(facts: readonly OpenFactJson[], m: Measure, year: number): bigint | null {
  const mine = facts.filter((f) => f.concept === m.concept && f.year === year && f.scenario === 'actual');
  const plain = mine.find((f) => Object.keys(f.dimensions).length === 0);
  const parse = (f: OpenFactJson) => (m.kind === 'money' ? wan(f.value) : BigInt(f.value));
  if (plain) return parse(plain);
  if (m.sumOver) {
    const parts = mine.filter((f) => Object.keys(f.dimensions).length === 1 && m.sumOver! in f.dimensions);
    if (parts.length) return parts.reduce((a, f) => a + parse(f), 0n);
  }
  return null;
}

export const show = (m: Measure, v: bigint | null): string => (v === null ? '—' : m.kind === 'money' ? formatWan(v) : v.toString());

/** Per head, in 元 per person (exact 分, rounded once); null when the staff is not published or zero. */
export function perStaff(value: bigint | null, staff: bigint | null): bigint | null {
  if (value === null || staff === null || staff <= 0n) return null;
  return divRound(value, staff);
}
export const showPerStaff = (v: bigint | null): string => (v === null ? '—' : formatYuan(v));

export function changeText(current: bigint | null, base: bigint | null, m: Measure): string {
  if (current === null || base === null) return '—';
  const c: Change = changeOf(current, base);
  if (c.direction === 'flat') return '持平';
  const sign = c.direction === 'increase' ? '+' : '−';
  const amount = m.kind === 'money' ? formatWan(c.amount) : c.amount.toString();
  return `${sign}${amount}${c.percent === null ? '' : `（${sign}${formatPercent(c.percent)}%）`}`;
}

// ---------------------------------------------------------------------------
// An edition's figures, kept with its bundle

/** A 绩效自评 row as the unit page shows it. */
export interface EvaluationRow {
  kind: string;
  name: string;
  score: string;
  executionRate: string;
  conclusion: string;
}

/** What the portal's pages show of one published edition. */
export interface EditionFigures {
  /** By measure key (MEASURES). */
  values: Map<string, bigint | null>;
  evaluations: EvaluationRow[];
}

type StoredFigures = Map<number, { measures: unknown; details?: unknown }>;

const FIGURES_FORMAT = 'juesuan-portal-figures/2';

const valuesOf = (facts: readonly OpenFactJson[], year: number) => new Map(MEASURES.map((m) => [m.key, valueOf(facts, m, year)]));

function evaluationsOf(d: Dataset): EvaluationRow[] {
  return d.evaluations.map((ev) => {
    // 预算执行率 of the whole (财政拨款 row when stated, else the first row): executed ÷ annual budget, exact.
    const row = ev.funds.find((f) => f.source === 'fiscal') ?? ev.funds[0];
    const rate = row?.executed && row.annual ? percentOf(row.executed.fen, row.annual.fen) : null;
    return {
      kind: ev.kind === 'department' ? '部门整体' : '项目',
      name: ev.name,
      score: ev.selfScore ?? '—',
      executionRate: rate === null ? '—' : `${formatPercent(rate)}%`,
      conclusion: ev.conclusion ?? '—',
    };
  });
}

type SideFactJson = [key: string, concept: string, functional: string | null, value: string, precision: string, path: string];
const sideFactJson = (f: CrossYearFact): SideFactJson => [f.key, f.concept, f.functional ?? null, f.value.toString(), f.precision.toString(), f.path];
const sideFactOf = ([key, concept, functional, value, precision, path]: SideFactJson): CrossYearFact => ({
  key, concept, ...(functional !== null ? { functional } : {}), value: BigInt(value), precision: BigInt(precision), path,
});

/**
 * The figures of the dataset being published, as its open-data file would give them (the same facts, the same
 * dataset), for addBundle to keep with the bundle: `measures` (the measures and 绩效自评 rows: every page reads them,
 * a few hundred bytes) and `details` (the cross-year side, ~10 KB: read only for a unit with two years in a row).
 */
export function portalFiguresOf(dataset: Dataset): { measures: unknown; details: unknown } {
  const values = valuesOf(flatten(dataset).map(openFact), dataset.year);
  const side = crossYearSide(dataset);
  return {
    measures: {
      format: FIGURES_FORMAT,
      values: Object.fromEntries([...values].map(([k, v]) => [k, v === null ? null : v.toString()])),
      evaluations: evaluationsOf(dataset),
    },
    details: { format: FIGURES_FORMAT, crossYear: { year: side.year, actual: side.actual.map(sideFactJson), prior: side.prior.map(sideFactJson) } },
  };
}

/** Stored measures read back; null when not of this format (then the open-data file is read). */
function measuresFrom(json: unknown): EditionFigures | null {
  const j = json as { format?: unknown; values?: Record<string, string | null>; evaluations?: EvaluationRow[] } | null;
  if (!j || j.format !== FIGURES_FORMAT || !j.values || !Array.isArray(j.evaluations)) return null;
  const values = new Map(MEASURES.map((m) => {
    const v = j.values![m.key];
    return [m.key, typeof v === 'string' ? BigInt(v) : null] as const;
  }));
  return { values, evaluations: j.evaluations };
}

function crossYearFrom(json: unknown): CrossYearSide | null {
  const j = json as { format?: unknown; crossYear?: { year: number; actual: SideFactJson[]; prior: SideFactJson[] } } | null;
  if (!j || j.format !== FIGURES_FORMAT || !j.crossYear) return null;
  return { year: j.crossYear.year, actual: j.crossYear.actual.map(sideFactOf), prior: j.crossYear.prior.map(sideFactOf) };
}

/**
 * The figures of these editions (in their order), in one query for those kept at publication (or from `stored`, read
 * already with the editions); an edition published without them (or not readable as kept) has its open-data file read.
 */
export async function editionFigures(store: Store, reports: readonly PublishedReport[], stored?: StoredFigures): Promise<EditionFigures[]> {
  const kept = stored ?? await store.bundleFigures(reports.map((r) => r.bundle.id));
  return Promise.all(reports.map(async (r) => {
    const row = kept.get(r.bundle.id);
    try {
      const figures = row ? measuresFrom(row.measures) : null;
      if (figures) return figures;
    } catch {
      // Not readable as kept: read the file, as for a bundle published without them.
    }
    const data = await openDataOf(store, r.bundle);
    return { values: valuesOf(data.facts, r.year), evaluations: data.dataset ? evaluationsOf(data.dataset) : [] };
  }));
}

/** What the cross-year comparison reads of these editions (null when the dataset cannot be read back), in one query. */
async function crossYearSides(store: Store, reports: readonly PublishedReport[]): Promise<(CrossYearSide | null)[]> {
  const kept = reports.length ? await store.bundleFigures(reports.map((r) => r.bundle.id), { details: true }) : new Map();
  return Promise.all(reports.map(async (r) => {
    try {
      const side = crossYearFrom(kept.get(r.bundle.id)?.details);
      if (side) return side;
    } catch {
      // as above
    }
    const data = await openDataOf(store, r.bundle);
    return data.dataset ? crossYearSide(data.dataset) : null;
  }));
}

// ---------------------------------------------------------------------------
// Pages' data

export interface UnitYear {
  report: PublishedReport;
  values: Map<string, bigint | null>;
}

export interface CrossYearDifference {
  year: number;
  label: string;
  location: string;
  stated: string;
  published: string;
  difference: string;
  unit: string;
}

export interface UnitHistory {
  org: Organisation;
  region: Region;
  years: UnitYear[];
  differences: CrossYearDifference[];
  /** 绩效自评 results as published (from the report's dataset). */
  evaluations: ({ year: number } & EvaluationRow)[];
}

/** A PortalIndex of a few bundles read in one statement (a report's or a unit's page). */
function indexOf(p: Awaited<ReturnType<Store['publishedOf']>>): PortalIndex {
  const orgById = new Map(p.orgs.map((o) => [o.id, o]));
  const regionById = new Map(p.regions.map((r) => [r.id, r]));
  const orgOfDataset = new Map(p.bundles.map((b) => [b.datasetId, b.orgId]));
  const editionsOf = new Map<number, Bundle[]>();
  const reports: PublishedReport[] = [];
  for (const { orgId, ...b } of p.bundles) {
    editionsOf.set(b.datasetId, [...(editionsOf.get(b.datasetId) ?? []), b]);
    const org = orgById.get(orgId);
    const region = org ? regionById.get(org.regionId) : undefined;
    if (b.supersededBy === null && org && region) reports.push({ bundle: b, org, region, year: b.year });
  }
  for (const list of editionsOf.values()) list.sort((a, b) => a.edition - b.edition);
  reports.sort((a, b) => a.region.code.localeCompare(b.region.code) || a.org.code.localeCompare(b.org.code) || b.year - a.year);
  return { regions: p.regions, orgs: p.orgs, reports, editionsOf, orgOfDataset };
}

/** The index of these organisations (by code) only, in one statement (with the current editions' kept figures when asked). */
export async function portalIndexOfCodes(store: Store, codes: readonly string[]): Promise<PortalIndex>;
export async function portalIndexOfCodes(
  store: Store, codes: readonly string[], figures: 'measures' | 'details',
): Promise<PortalIndex & { figures: Map<number, { measures: unknown; details?: unknown }> }>;
export async function portalIndexOfCodes(store: Store, codes: readonly string[], figures?: 'measures' | 'details'): Promise<PortalIndex & { figures?: Map<number, { measures: unknown; details?: unknown }> }> {
  const p = await store.publishedOf({ orgCodes: [...codes], ...(figures ? { figures } : {}) });
  return figures ? { ...indexOf(p), figures: p.figures ?? new Map() } : indexOf(p);
}

/** The index of the bundle's dataset (its editions, organisation and region), in one statement. */
export async function portalIndexOfBundle(store: Store, bundleId: number): Promise<PortalIndex> {
  return indexOf(await store.publishedOf({ bundleId }));
}

export async function unitHistory(store: Store, orgCode: string): Promise<UnitHistory> {
  const index = await portalIndexOfCodes(store, [orgCode], 'measures');
  const org = index.orgs.find((o) => o.code === orgCode);
  const reports = index.reports.filter((r) => r.org.code === orgCode).sort((a, b) => a.year - b.year);
  if (!org || reports.length === 0) throw new PortalError(404, `没有找到单位“${orgCode}”已公开的决算`);
  const figures = await editionFigures(store, reports, index.figures);
  const years: UnitYear[] = reports.map((report, i) => ({ report, values: figures[i]!.values }));
  // Pairs of years in a row (a unit's editions are one per year): only their cross-year sides are read.
  const pairs = years.flatMap((y, i) => {
    const j = years.findIndex((x) => x.report.year === y.report.year - 1);
    return j >= 0 ? [[i, j] as const] : [];
  });
  const needed = [...new Set(pairs.flat())];
  const sides = new Map((await crossYearSides(store, needed.map((i) => reports[i]!))).map((side, k) => [needed[k]!, side]));
  const differences: CrossYearDifference[] = [];
  for (const [i, j] of pairs) {
    const y = years[i]!;
    const side = sides.get(i);
    const lastSide = sides.get(j);
    if (!side || !lastSide) continue;
    for (const f of crossYearOfSides(side, lastSide, years[j]!.report.bundle.edition)) {
      differences.push({
        year: y.report.year,
        label: /上年数“(.+?)”为/u.exec(f.message)?.[1] ?? f.location,
        location: f.location,
        stated: f.stated ?? '',
        published: f.expected ?? '',
        difference: f.difference ?? '',
        unit: f.unit ?? '',
      });
    }
  }
  const evaluations: UnitHistory['evaluations'] = years.flatMap((y, i) => figures[i]!.evaluations.map((e) => ({ year: y.report.year, ...e })));
  return { org, region: reports[0]!.region, years, differences, evaluations };
}

/** The current editions of one year for the given units (by org code, in the order asked); 404 when none has one. */
export async function unitsOfYear(store: Store, codes: readonly string[], year: number): Promise<{ code: string; year?: UnitYear }[]> {
  const index = await portalIndexOfCodes(store, codes, 'measures');
  // Unknown, unpublished or not of this year: the same answer, so nothing unpublished shows (not even that it exists).
  const found = codes.map((code) => index.reports.find((r) => r.org.code === code && r.year === year));
  const reports = found.filter((r): r is PublishedReport => r !== undefined);
  const figures = await editionFigures(store, reports, index.figures);
  const out = codes.map((code, i) => {
    const report = found[i];
    return report ? { code, year: { report, values: figures[reports.indexOf(report)]!.values } } : { code };
  });
  if (!out.some((u) => u.year)) throw new PortalError(404, `所选单位在${year}年度均无已公开的决算`);
  return out;
}

// ---------------------------------------------------------------------------
// Soft outliers: median ± 3 × MAD of the per-staff measure among similar units

export const OUTLIER_MIN_GROUP = 5;
/** How soft outliers are found, said on the page: per head for money, the figure itself for counts. */
export function outlierMethod(m: Measure): string {
  const basis = m.kind === 'money' ? '人均值（元/人，即该项金额除以实有在职人员数）' : '数值';
  return (
    `同类单位（同一地区、同一类型：部门或单位）中，按${basis}计算中位数 M 与绝对中位差 MAD（各单位该值与 M 之差的绝对值的中位数）；` +
    `落在 M ± 3 × MAD 之外的标为“异常”，仅提示与同类单位差异较大，需结合单位职能理解，不表示数据有误。` +
    `同类单位中可比的少于 ${OUTLIER_MIN_GROUP} 家${m.kind === 'money' ? '、未公开人员数' : ''}或 MAD 为 0 时不作判断。`
  );
}

/** Twice the median (exact: the mean of the two middle values needs no rounding when doubled). */
function twiceMedian(values: readonly bigint[]): bigint {
  const s = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const n = s.length;
  return n % 2 === 1 ? 2n * s[(n - 1) / 2]! : s[n / 2 - 1]! + s[n / 2]!;
}

/** For each value (by index): true when outside median ± 3 × MAD of its group; undefined when not judged. */
export function softOutliers(values: readonly (bigint | null)[]): (boolean | undefined)[] {
  const known = values.filter((v): v is bigint => v !== null);
  if (known.length < OUTLIER_MIN_GROUP) return values.map(() => undefined);
  // All in units of 1/2 so that the median is exact; MAD in units of 1/4.
  const m2 = twiceMedian(known);
  const mad4 = twiceMedian(known.map((v) => { const d = 2n * v - m2; return d < 0n ? -d : d; }));
  if (mad4 === 0n) return values.map(() => undefined);
  return values.map((v) => {
    if (v === null) return undefined;
    const d = 2n * v - m2;
    // |v − M| = |d| / 2 and MAD = mad4 / 4, so |v − M| > 3 × MAD ⇔ 2|d| > 3 × mad4.
    return 2n * (d < 0n ? -d : d) > 3n * mad4;
  });
}

export function parseYear(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^\d{4}$/.test(raw)) throw new PortalError(400, `年度“${String(raw)}”不正确，应为四位数字，如 2024`);
  return Number(raw);
}
