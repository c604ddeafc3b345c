/**
 * The finance bureau's 汇总 (issue 14 part 5): totals over the published
 * figures of a region's units (and its sub-regions'), and where every unit of
 * the region stands in the workflow.
 *
 * Totals add the facts of current published editions only, exactly (bigint
 * 分), and are given as exact decimal strings in 万元:
 * - 功能分类 类/款/项 from the stated expenditure lines (expense.basic, .project,
 *   .remit, .operating, .affiliate_subsidy with a `functional` dimension):
 *   类 = the code's first 3 digits, 款 = 5, 项 = 7;
 * - 经济分类 from the stated basic-expense items (basic.personnel/basic.public
 *   with an `economic` dimension);
 * - 三公经费 and its parts, 机关运行经费, 收入/支出 totals: the unit-level facts
 *   (no dimension) of the report's year, 决算数.
 * The workflow counts are of the units' datasets of the year, whatever their
 * publication (a reopened report is counted as 草稿 while its published
 * figures stay in the totals until its correction replaces them).
 */
import { STATUS_LABELS, type FunctionalLine, type Status, type Summary, type SummaryLine, type UnitState } from '../api/contract.js';
import { lookupEconomic, lookupFunctional } from '../classification/index.js';
import { concept } from '../model/index.js';
import { exactDecimal } from '../money/index.js';
import { BASIC_KINDS, OPERATING_COST, SANGONG, TOTALS } from '../store/summed.js';
import type { FactSum, FactSums, Store, UserRecord } from '../store/types.js';
import { AppError, badRequest, forbidden } from './errors.js';
import { csvLine, CSV_BOM } from './opendata.js';

// What the 汇总 adds up is kept per region and year at publication by the store, so its lists are the store's.
export { BASIC_KINDS, EXPENSE_KINDS, OPERATING_COST, SANGONG, TOTALS } from '../store/summed.js';

export type { FunctionalLine, Summary, SummaryLine, UnitState } from '../api/contract.js';

/** Sums keyed (as the store added them up). */
class Sums {
  private constructor(private readonly by: Map<string, FactSum>) {}
  static of(list: readonly FactSum[]): Sums {
    return new Sums(new Map(list.map((s) => [s.key, s])));
  }
  get(key: string): bigint | undefined {
    return this.by.get(key)?.value;
  }
  keys(): string[] {
    return [...this.by.keys()];
  }
  line(key: string, name: string): SummaryLine {
    const s = this.by.get(key);
    return { code: key, name, value: exactDecimal(s?.value ?? 0n, '万元'), units: s?.units ?? 0 };
  }
}

const PENDING: readonly Status[] = ['submitted', 'unit_approved', 'finance_approved'];

/** The region to sum for this user: a 财政审核人 their own (or one below it), 管理员 any or all. */
async function scope(store: Store, user: UserRecord, regionCode: string | undefined): Promise<{ region: Summary['region']; regionIds: number[] | null }> {
  const regions = await store.listRegions();
  if (user.role !== 'finance_reviewer' && user.role !== 'admin') throw forbidden('只有财政审核人和管理员可以查看汇总');
  let regionId: number | null = null;
  if (regionCode !== undefined) {
    const r = regions.find((x) => x.code === regionCode);
    if (!r) throw badRequest(`没有代码为“${regionCode}”的地区`, { region: '没有这个地区' });
    regionId = r.id;
  } else if (user.role === 'finance_reviewer') {
    regionId = user.regionId;
  }
  if (user.role === 'finance_reviewer') {
    if (user.regionId === null) throw forbidden('您的账号没有所属地区，不能查看汇总');
    const own = await store.regionSubtree(user.regionId);
    if (regionId === null || !own.includes(regionId)) throw new AppError('forbidden', '您无权查看该地区的汇总');
  }
  if (regionId === null) return { region: null, regionIds: null };
  const r = regions.find((x) => x.id === regionId)!;
  return { region: { code: r.code, name: r.name }, regionIds: await store.regionSubtree(regionId) };
}

const conceptLabel = (id: string) => concept(id)?.label ?? id;

/**
 * The region-year's sums, added up by the database (exactly, bigint 分 as numeric) from the lines it keeps per region
 * and year, kept here while no bundle is published after them: published figures change only with a new bundle (a
 * correction supersedes its edition in the same transaction), so the newest bundle id stamps them.
 */
const SUMS_CACHE_LIMIT = 50;
const sumsCache = new WeakMap<Store, Map<string, { stamp: number; sums: Promise<FactSums> }>>();
async function factSums(store: Store, regionIds: number[] | null, year: number): Promise<FactSums> {
  const stamp = await store.latestBundleId();
  let cache = sumsCache.get(store);
  if (!cache) sumsCache.set(store, (cache = new Map()));
  const key = `${year}|${regionIds ? [...regionIds].sort((a, b) => a - b).join(',') : '*'}`;
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit.sums;
  const sums = store.sumFacts({ ...(regionIds ? { regionIds } : {}), year });
  cache.delete(key);
  cache.set(key, { stamp, sums });
  sums.catch(() => cache.delete(key));
  if (cache.size > SUMS_CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  return sums;
}

export async function summary(store: Store, user: UserRecord, q: { year: number; region?: string }): Promise<Summary> {
  const { region, regionIds } = await scope(store, user, q.region);
  const year = q.year;
  const sums = await factSums(store, regionIds, year);
  const totals = Sums.of(sums.totals);
  const functional = Sums.of(sums.functional);
  const economic = Sums.of(sums.economic);
  const publishedOrgs = new Set(sums.orgIds);
  const LEVEL = { 3: '类', 5: '款', 7: '项' } as const;
  const functionalLines: FunctionalLine[] = functional.keys().sort().map((code) => ({
    ...functional.line(code, lookupFunctional(code, year)?.name ?? ''),
    level: LEVEL[code.length as 3 | 5 | 7],
  }));
  const economicLines = [
    ...BASIC_KINDS.filter((c) => economic.get(`#${c}`) !== undefined).map((c) => ({ ...economic.line(`#${c}`, conceptLabel(c)), code: c })),
    ...economic.keys().filter((k) => !k.startsWith('#')).sort().map((code) => economic.line(code, lookupEconomic(code, year)?.name ?? '')),
  ];

  // Where each unit of the region stands.
  const orgs = await store.listOrganisations(regionIds ? { regionIds } : undefined);
  const regionName = new Map((await store.listRegions()).map((r) => [r.id, r.name]));
  const datasets = orgs.length ? await store.listDatasets({ orgIds: orgs.map((o) => o.id), year }) : [];
  const byOrg = new Map(datasets.map((d) => [d.orgId, d]));
  const states = { published: 0, pending: 0, returned: 0, draft: 0, noDataset: 0, total: orgs.length };
  const units: UnitState[] = orgs.map((o) => {
    const d = byOrg.get(o.id);
    if (!d) states.noDataset++;
    else if (d.status === 'published') states.published++;
    else if (PENDING.includes(d.status)) states.pending++;
    else if (d.status === 'returned') states.returned++;
    else states.draft++;
    return {
      unit: o.name, unitCode: o.code, region: regionName.get(o.regionId) ?? '', datasetId: d?.id ?? null, status: d?.status ?? null,
      statusLabel: d ? STATUS_LABELS[d.status] : '未建立数据', errors: d?.findingCounts?.errors ?? 0, warnings: d?.findingCounts?.warnings ?? 0,
      published: publishedOrgs.has(o.id),
    };
  });
  return {
    year, region, moneyUnit: '万元', publishedUnits: sums.units,
    totals: TOTALS.map((c) => totals.line(c, conceptLabel(c))),
    sangong: SANGONG.map((c) => totals.line(c, conceptLabel(c))),
    operatingCost: totals.line(OPERATING_COST, conceptLabel(OPERATING_COST)),
    functional: functionalLines,
    economic: economicLines,
    states,
    withFindings: units.filter((u) => u.errors > 0 || u.warnings > 0),
    units,
  };
}

const title = (s: Summary) => `${s.region?.name ?? '全部地区'}${s.year}年度部门决算汇总`;

/** The 汇总 as CSV rows: section, code, name, value (万元) or count, units. */
export function summaryCsv(s: Summary): string {
  let out = CSV_BOM + csvLine(['分组', '代码', '名称', '金额（万元）或数量', '单位数']);
  const lines = (section: string, ls: SummaryLine[]) => {
    for (const l of ls) out += csvLine([section, l.code, l.name, l.value, l.units]);
  };
  lines('收支总计', s.totals);
  lines('“三公”经费', s.sangong);
  lines('机关运行经费', [s.operatingCost]);
  for (const level of ['类', '款', '项'] as const) lines(`功能分类（${level}）`, s.functional.filter((l) => l.level === level));
  lines('经济分类', s.economic);
  const st = s.states;
  for (const [k, label] of [['published', '已公开'], ['pending', '审核中'], ['returned', '退回'], ['draft', '草稿'], ['noDataset', '未建立数据'], ['total', '单位合计']] as const) {
    out += csvLine(['单位状态', k, label, st[k], '']);
  }
  for (const u of s.withFindings) out += csvLine(['有审核问题的单位', u.unitCode, u.unit, `错误 ${u.errors}，警告 ${u.warnings}`, u.statusLabel]);
  return out;
}

/** An exact decimal as an Excel number when the file then holds exactly that decimal, else as text. */
function excelValue(decimal: string): number | string {
  const n = Number(decimal);
  const trimmed = decimal.includes('.') ? decimal.replace(/0+$/, '').replace(/\.$/, '') : decimal;
  return String(n) === trimmed ? n : decimal;
}

/** The 汇总 as an Excel workbook: 汇总, 功能分类, 经济分类, 单位情况. */
export async function summaryXlsx(s: Summary): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'juesuan';
  const money = '#,##0.00####';
  const sheet = (name: string, header: string[], rows: (string | number)[][], moneyCol?: number) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([title(s)]).font = { bold: true };
    ws.addRow(['金额单位：万元']);
    ws.addRow(header).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    if (moneyCol !== undefined) ws.getColumn(moneyCol).numFmt = money;
    ws.columns.forEach((c, i) => { c.width = i === 1 ? 40 : 16; });
  };
  const lineRows = (section: string, ls: SummaryLine[]) => ls.map((l) => [section, l.code, l.name, excelValue(l.value), l.units]);
  sheet('汇总', ['分组', '代码', '名称', '金额', '单位数'], [
    ...lineRows('收支总计', s.totals), ...lineRows('“三公”经费', s.sangong), ...lineRows('机关运行经费', [s.operatingCost]),
  ], 4);
  sheet('功能分类', ['级次', '科目编码', '科目名称', '金额', '单位数'], s.functional.map((l) => [l.level, l.code, l.name, excelValue(l.value), l.units]), 4);
  sheet('经济分类', ['科目编码', '科目名称', '金额', '单位数'], s.economic.map((l) => [l.code, l.name, excelValue(l.value), l.units]), 3);
  sheet('单位情况', ['单位代码', '单位名称', '地区', '状态', '错误', '警告', '已公开数字计入汇总'],
    s.units.map((u) => [u.unitCode, u.unit, u.region, u.statusLabel, u.errors, u.warnings, u.published ? '是' : '否']));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export const summaryFileName = (s: Summary, ext: 'xlsx' | 'csv') => `${title(s)}.${ext}`;
