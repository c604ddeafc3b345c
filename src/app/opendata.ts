/**
 * Open data (issue 14 part 4): the published figures, and nothing else.
 *
 * A published bundle carries its facts (`factsOfDataset`, computed by the
 * publish job and stored in the bundle's transaction). Anyone may read the
 * facts of current editions — never a draft, a submission or an approved but
 * unpublished version, which have no facts at all — as JSON or CSV, and the
 * list of published reports with their files' SHA-256.
 */
import type { BundleFile } from '../api/contract.js';
import { computeAccounts, concept, flatten, isConceptId, type Dataset } from '../model/index.js';
import { exactDecimal } from '../money/index.js';
import { dimsKey, type FactFilter, type NewFact, type PublishedFact, type Store } from '../store/types.js';
import { badRequest } from './errors.js';

/** The unit stored with a fact: '万元' for money (its value in 分), else the count's own unit. */
export function factUnit(conceptId: string): string {
  const c = concept(conceptId);
  if (!c || c.kind === 'money') return '万元';
  return c.countUnit ?? (c.kind === 'people' ? '人' : c.kind === 'percent' ? '%' : '');
}

/** Every fact of the dataset (stated and derived totals), as the publish job stores them with the bundle. */
export function factsOfDataset(dataset: Dataset): NewFact[] {
  return flatten(dataset, computeAccounts(dataset)).map((f) => ({
    concept: f.concept,
    year: f.year,
    scenario: f.scenario,
    dims: f.dims,
    value: f.value,
    precision: f.precision,
    unit: factUnit(f.concept),
    derived: f.source.kind === 'derived',
    source: f.source.kind === 'dataset' ? f.source.path : f.source.from,
  }));
}

// ---- reading the published figures

/** One published figure as the open-data API gives it. */
export interface PublicFact {
  unit: string;
  unitCode: string;
  region: string;
  regionCode: string;
  /** The report's year. */
  year: number;
  /** The figure's own year (上年数: year − 1). */
  factYear: number;
  /** actual 决算数, budget_initial 年初预算数, budget_adjusted 调整预算数, budget 预算数. */
  scenario: string;
  concept: string;
  /** The concept's Chinese name. */
  label: string;
  dimensions: Record<string, string>;
  /** Exact decimal string: 万元 for money (no rounding), a whole number for counts. */
  value: string;
  /** '万元' for money, null for counts. */
  moneyUnit: '万元' | null;
  /** The unit of a count (人, 辆 …), null for money. */
  countUnit: string | null;
  /** A total the report states that is computed from the unit's figures. */
  derived: boolean;
  sourceBundle: number;
  edition: number;
}

export const PUBLIC_FACT_COLUMNS = [
  'unit', 'unitCode', 'region', 'regionCode', 'year', 'factYear', 'scenario', 'concept', 'label', 'dimensions', 'value', 'moneyUnit', 'countUnit', 'derived',
  'sourceBundle', 'edition',
] as const satisfies readonly (keyof PublicFact)[];

export function publicFact(f: PublishedFact): PublicFact {
  const money = f.unit === '万元';
  return {
    unit: f.orgName,
    unitCode: f.orgCode,
    region: f.regionName,
    regionCode: f.regionCode,
    year: f.reportYear,
    factYear: f.year,
    scenario: f.scenario,
    concept: f.concept,
    label: concept(f.concept)?.label ?? f.concept,
    dimensions: f.dims,
    value: money ? exactDecimal(f.value, '万元') : f.value.toString(),
    moneyUnit: money ? '万元' : null,
    countUnit: money ? null : f.unit,
    derived: f.derived,
    sourceBundle: f.bundleId,
    edition: f.edition,
  };
}

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
export function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : typeof v === 'object' ? dimsKey(v as Record<string, string>) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (values: readonly unknown[]): string => `${values.map(csvField).join(',')}\r\n`;

/** A byte-order mark first, so that Excel reads the Chinese as UTF-8. */
export const CSV_BOM = '\uFEFF';

/** The CSV of facts: header, then one line per fact, produced as the facts arrive (never all in memory). */
export async function* publicFactsCsv(facts: AsyncIterable<PublishedFact>): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(PUBLIC_FACT_COLUMNS);
  let batch = '';
  for await (const f of facts) {
    const p = publicFact(f);
    batch += csvLine(PUBLIC_FACT_COLUMNS.map((c) => p[c]));
    if (batch.length > 64 * 1024) {
      yield batch;
      batch = '';
    }
  }
  if (batch) yield batch;
}

/** A JSON array of facts, produced as the facts arrive. */
export async function* publicFactsJson(facts: AsyncIterable<PublishedFact>): AsyncGenerator<string> {
  let first = true;
  let batch = '[';
  for await (const f of facts) {
    batch += (first ? '' : ',') + JSON.stringify(publicFact(f));
    first = false;
    if (batch.length > 64 * 1024) {
      yield batch;
      batch = '';
    }
  }
  yield `${batch}]`;
}

export interface FactQuery {
  region?: string;
  year?: number;
  unit?: string;
  /** One concept id or several, comma-separated. */
  concept?: string;
}

/** The query's store filter; unknown codes and concepts are a 400 in Chinese. */
export async function factFilter(store: Store, q: FactQuery): Promise<FactFilter> {
  const filter: FactFilter = {};
  if (q.region === undefined && q.unit === undefined && q.year === undefined) {
    throw badRequest('请至少指定地区（region）、单位（unit）或年度（year）之一', { region: '请指定地区代码' });
  }
  if (q.region !== undefined) filter.regionIds = await regionIdsOf(store, q.region);
  if (q.unit !== undefined) {
    const org = (await store.listOrganisations()).find((o) => o.code === q.unit);
    if (!org) throw badRequest(`没有代码为“${q.unit}”的单位`, { unit: '没有这个单位' });
    filter.orgIds = [org.id];
  }
  if (q.year !== undefined) filter.year = q.year;
  if (q.concept !== undefined) {
    const ids = q.concept.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = ids.filter((c) => !isConceptId(c));
    if (ids.length === 0 || unknown.length > 0) {
      throw badRequest(`不认识的指标：${unknown.join('、') || '（空）'}`, { concept: '应为指标代码，如 income.total、expense.basic' });
    }
    filter.concepts = ids;
  }
  return filter;
}

/** The region with this code and every region below it; an unknown code is a 400. */
export async function regionIdsOf(store: Store, code: string): Promise<number[]> {
  const region = (await store.listRegions()).find((r) => r.code === code);
  if (!region) throw badRequest(`没有代码为“${code}”的地区`, { region: '没有这个地区' });
  return store.regionSubtree(region.id);
}

/** A published report (bundle) as the open-data API lists it. */
export interface PublicReport {
  id: number;
  unit: string;
  unitCode: string;
  region: string;
  regionCode: string;
  year: number;
  edition: number;
  publishedAt: string;
  correctionNote: string | null;
  /** The later edition that corrected this one (已更正), or null. */
  supersededBy: number | null;
  superseded: boolean;
  files: BundleFile[];
}

/** Every published bundle (superseded editions too, marked), optionally of a region (and below), a year, a unit. */
export async function publicReports(store: Store, q: { region?: string; year?: number; unit?: string }): Promise<PublicReport[]> {
  const [orgs, regions] = await Promise.all([store.listOrganisations(), store.listRegions()]);
  const regionIds = q.region !== undefined ? new Set(await regionIdsOf(store, q.region)) : null;
  let chosen = orgs.filter((o) => regionIds === null || regionIds.has(o.regionId));
  if (q.unit !== undefined) {
    chosen = chosen.filter((o) => o.code === q.unit);
    if (!orgs.some((o) => o.code === q.unit)) throw badRequest(`没有代码为“${q.unit}”的单位`, { unit: '没有这个单位' });
  }
  if (chosen.length === 0) return [];
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const regionById = new Map(regions.map((r) => [r.id, r]));
  const datasets = await store.listDatasets({ orgIds: chosen.map((o) => o.id), ...(q.year !== undefined ? { year: q.year } : {}) });
  if (datasets.length === 0) return [];
  const orgOfDataset = new Map(datasets.map((d) => [d.id, d.orgId]));
  const bundles = await store.listBundles({ orgIds: chosen.map((o) => o.id) });
  return bundles.filter((b) => orgOfDataset.has(b.datasetId)).map((b) => {
    const org = orgById.get(orgOfDataset.get(b.datasetId)!)!;
    const region = regionById.get(org.regionId)!;
    return {
      id: b.id, unit: org.name, unitCode: org.code, region: region.name, regionCode: region.code, year: b.year, edition: b.edition,
      publishedAt: b.publishedAt, correctionNote: b.correctionNote, supersededBy: b.supersededBy, superseded: b.supersededBy !== null, files: b.files,
    };
  });
}
