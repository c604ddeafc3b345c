// The finance bureau's 汇总: totals over the region's published units equal, to the 分, the sum of the published
// reports' figures (summed here independently from each synthetic unit's facts); workflow counts; findings; who may
// see which region; xlsx and csv exports; on both engines.
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetJson, StoredFinding } from '../../src/api/contract.js';
import { factsOfDataset } from '../../src/app/opendata.js';
import type { Summary } from '../../src/app/summary.js';
import { parseDataset } from '../../src/model/index.js';
import { datasetToRaw } from '../../src/model/save.js';
import { exactDecimal } from '../../src/money/index.js';
import type { NewBundleFile, NewFact, Store } from '../../src/store/index.js';
import { synthYaml } from '../../src/synth/index.js';
import { ENGINES, makeWorld, type World } from './helpers.js';

const YEAR = 2025;
const synthJson = (i: number, change?: (raw: DatasetJson) => void): DatasetJson => {
  const raw = JSON.parse(JSON.stringify(datasetToRaw(parseDataset(synthYaml(20261204, i), `synth-${i}.yaml`)))) as DatasetJson;
  raw.year = YEAR;
  change?.(raw);
  return raw;
};
const factsOf = (data: DatasetJson): NewFact[] => factsOfDataset(parseDataset(JSON.stringify(data), 'dataset.json'));
const file = (text: string): NewBundleFile => {
  const data = new TextEncoder().encode(text);
  return { name: 'report.html', mediaType: 'text/html', bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex'), data };
};

/** The expected 汇总, summed here from the facts of each published report (not through the store). */
function expectedTotals(published: NewFact[][]) {
  const add = (m: Map<string, bigint>, k: string, v: bigint) => m.set(k, (m.get(k) ?? 0n) + v);
  const functional = new Map<string, bigint>();
  const economic = new Map<string, bigint>();
  const unitLevel = new Map<string, bigint>();
  for (const facts of published) {
    for (const f of facts) {
      if (f.year !== YEAR || f.scenario !== 'actual') continue;
      if (f.concept.startsWith('expense.') && !f.derived && f.dims.functional && ['basic', 'project', 'remit', 'operating', 'affiliate_subsidy'].includes(f.concept.slice(8))) {
        const c = f.dims.functional;
        add(functional, c.slice(0, 3), f.value);
        if (c.length >= 5) add(functional, c.slice(0, 5), f.value);
        if (c.length >= 7) add(functional, c.slice(0, 7), f.value);
      }
      if ((f.concept === 'basic.personnel' || f.concept === 'basic.public') && f.dims.economic) add(economic, f.dims.economic, f.value);
      if (Object.keys(f.dims).length === 0) add(unitLevel, f.concept, f.value);
    }
  }
  const wan = (m: Map<string, bigint>) => Object.fromEntries([...m].map(([k, v]) => [k, exactDecimal(v, '万元')]));
  return { functional: wan(functional), economic: wan(economic), unitLevel: wan(unitLevel) };
}

describe.each(ENGINES)('汇总 on %s', (engine) => {
  let world: World;
  let store: Store;
  let finance: number;
  const published: Map<string, NewFact[]> = new Map();

  /** A new unit in the region with its YEAR dataset, moved to `to` (published: with its bundle and facts). */
  async function unit(code: string, regionCode: string, i: number, to: 'draft' | 'submitted' | 'returned' | 'finance_approved' | 'published', findings: StoredFinding[] = []) {
    const region = (await store.listRegions()).find((r) => r.code === regionCode)!;
    const org = await store.addOrganisation({ code, name: `合成单位${code}`, kind: '单位', parentId: null, regionId: region.id });
    const data = synthJson(i);
    const d = await store.createDataset({ orgId: org.id, year: YEAR, data, findings, userId: finance });
    const path = { draft: [], returned: ['submitted', 'returned'], submitted: ['submitted'], finance_approved: ['submitted', 'unit_approved', 'finance_approved'], published: ['submitted', 'unit_approved', 'finance_approved'] }[to];
    let from = 'draft';
    for (const s of path) {
      await store.transition(d.id, { from: [from as 'draft'], to: s as 'submitted', action: 'submit', userId: finance, comment: 'x' });
      from = s;
    }
    if (to === 'published') await publish(d.id, code, data, null);
    return d.id;
  }
  async function publish(datasetId: number, code: string, data: DatasetJson, correctionNote: string | null) {
    const facts = factsOf(data);
    await store.addBundle({
      datasetId, datasetVersion: (await store.getDataset(datasetId))!.version, userId: finance, correctionNote, files: [file(`${code}${correctionNote ?? ''}`)], facts,
      publish: { from: ['finance_approved'], to: 'published', action: 'publish', userId: finance },
    });
    published.set(code, facts);
  }
  const get = async (who: 'financeA' | 'financeB' | 'admin' | 'fillerA', url: string) => (await world.as(who)).get(url);
  const sum = async (who: 'financeA' | 'admin', url: string) => {
    const res = await get(who, url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Summary>();
  };
  const check = (s: Summary, codes: string[]) => {
    const want = expectedTotals(codes.map((c) => published.get(c)!));
    expect(Object.keys(want.functional).length).toBeGreaterThan(5);
    expect(Object.fromEntries(s.functional.map((l) => [l.code, l.value]))).toEqual(want.functional);
    expect(Object.fromEntries(s.economic.filter((l) => !l.code.startsWith('basic.')).map((l) => [l.code, l.value]))).toEqual(want.economic);
    for (const l of [...s.totals, ...s.sangong, s.operatingCost]) expect([l.code, l.value]).toEqual([l.code, want.unitLevel[l.code] ?? '0.00']);
    expect(s.publishedUnits).toBe(codes.length);
  };

  beforeAll(async () => {
    world = await makeWorld(engine);
    store = world.store;
    finance = (await store.getUserByName('qingjiang-cz'))!.id;
    // 清江县 (510699): three published, one submitted, one returned, one approved but unpublished, one draft with findings.
    await unit('sq-1', '510699', 0, 'published');
    await unit('sq-2', '510699', 1, 'published');
    await unit('sq-3', '510699', 2, 'published');
    await unit('sq-4', '510699', 3, 'submitted');
    await unit('sq-5', '510699', 4, 'returned');
    await unit('sq-6', '510699', 5, 'finance_approved');
    await unit('sq-7', '510699', 6, 'draft', [
      { rule: 'R1', severity: 'error', message: '不平衡', location: 'income.total', hint: '' },
      { rule: 'R2', severity: 'warning', message: '变动大', location: 'operatingCost', hint: '' },
    ]);
    // 米易县 (510421): one published, outside 清江县.
    await unit('sm-1', '510421', 7, 'published');
  }, 60_000);
  afterAll(async () => world?.close());

  it('a 财政审核人’s totals are exactly the sum of its region’s published reports (功能分类 类/款/项, 经济分类, 三公, 机关运行经费, 收支)', async () => {
    const s = await sum('financeA', `/api/summary?year=${YEAR}`);
    expect(s.region).toEqual({ code: '510699', name: '清江县' });
    check(s, ['sq-1', 'sq-2', 'sq-3']);
    expect(s.functional.filter((l) => l.level === '类').every((l) => l.code.length === 3)).toBe(true);
    expect(s.functional.find((l) => l.code === '208')?.name).toBeTruthy();
    expect(s.operatingCost.name).toBe('机关运行经费');
    expect(s.sangong.map((l) => l.code)).toContain('sangong.total');
  });

  it('counts the region’s units by workflow state and lists those with findings', async () => {
    const s = await sum('financeA', `/api/summary?year=${YEAR}`);
    // qingjiang-cdc has no YEAR dataset.
    expect(s.states).toEqual({ published: 3, pending: 2, returned: 1, draft: 1, noDataset: 1, total: 8 });
    expect(s.withFindings.map((u) => [u.unitCode, u.errors, u.warnings, u.status])).toEqual([['sq-7', 1, 1, 'draft']]);
    expect(s.units.filter((u) => u.published).map((u) => u.unitCode).sort()).toEqual(['sq-1', 'sq-2', 'sq-3']);
  });

  it('管理员 sums any region or all; a 财政审核人 only its own region and those below; others may not', async () => {
    check(await sum('admin', `/api/summary?year=${YEAR}`), ['sq-1', 'sq-2', 'sq-3', 'sm-1']);
    check(await sum('admin', `/api/summary?year=${YEAR}&region=510400`), ['sm-1']);
    const province = await sum('admin', `/api/summary?year=${YEAR}&region=510000`);
    check(province, ['sq-1', 'sq-2', 'sq-3', 'sm-1']);
    expect((await sum('admin', `/api/summary?year=2019`)).publishedUnits).toBe(0);
    for (const [who, url, status, message] of [
      ['financeA', `/api/summary?year=${YEAR}&region=510600`, 403, /无权查看该地区的汇总/],
      ['financeB', `/api/summary?year=${YEAR}&region=510699`, 403, /无权查看该地区的汇总/],
      ['fillerA', `/api/summary?year=${YEAR}`, 403, /没有权限/],
      ['financeA', `/api/summary`, 400, /year 缺少此项/],
      ['financeA', `/api/summary?year=20x5`, 400, /year 应为整数/],
      ['admin', `/api/summary?year=${YEAR}&region=999`, 400, /没有代码为“999”的地区/],
      ['admin', `/api/summary?year=${YEAR}&format=pdf`, 400, /format 应为以下之一/],
    ] as const) {
      const res = await get(who, url);
      expect([who, url, res.statusCode]).toEqual([who, url, status]);
      expect(res.json().message).toMatch(message);
    }
    expect((await world.client().get(`/api/summary?year=${YEAR}`)).statusCode).toBe(401);
  });

  it('a correction replaces its unit’s figures in the totals', async () => {
    const id = (await store.findDataset((await store.listOrganisations()).find((o) => o.code === 'sq-2')!.id, YEAR))!.id;
    await store.transition(id, { from: ['published'], to: 'draft', action: 'reopen', userId: finance });
    const data = synthJson(1, (raw) => { raw.operatingCost = '1234567.89'; });
    await store.saveVersion(id, { baseVersion: 1, data, findings: [], userId: finance });
    // While reopened, the published edition 1 still counts.
    check(await sum('financeA', `/api/summary?year=${YEAR}`), ['sq-1', 'sq-2', 'sq-3']);
    for (const to of ['submitted', 'unit_approved', 'finance_approved'] as const) {
      await store.transition(id, { from: [(await store.getDataset(id))!.status], to, action: 'submit', userId: finance });
    }
    await publish(id, 'sq-2', data, '更正机关运行经费');
    const s = await sum('financeA', `/api/summary?year=${YEAR}`);
    check(s, ['sq-1', 'sq-2', 'sq-3']);
    const op = [...published.entries()].filter(([c]) => c.startsWith('sq-')).flatMap(([, fs]) => fs).filter((f) => f.concept === 'operating_cost' && f.year === YEAR);
    expect(s.operatingCost.value).toBe(exactDecimal(op.reduce((t, f) => t + f.value, 0n), '万元'));
    expect(op.some((f) => f.value === 1_234_567_890_000n)).toBe(true);
  });

  it('exports the same figures as xlsx and csv', async () => {
    const s = await sum('financeA', `/api/summary?year=${YEAR}`);
    const x = await get('financeA', `/api/summary?year=${YEAR}&format=xlsx`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(decodeURIComponent(String(x.headers['content-disposition']))).toContain('清江县2025年度部门决算汇总.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '功能分类', '经济分类', '单位情况']);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((r, n) => { if (n > 3) out.push((r.values as unknown[]).slice(1)); });
      return out;
    };
    const asDecimal = (v: unknown) => (typeof v === 'number' ? exactDecimal(BigInt(Math.round(v * 1_000_000)), '万元') : String(v));
    expect(rows('功能分类').map((r) => [r[1], asDecimal(r[3])])).toEqual(s.functional.map((l) => [l.code, l.value]));
    expect(rows('经济分类').map((r) => [r[0], asDecimal(r[2])])).toEqual(s.economic.map((l) => [l.code, l.value]));
    expect(rows('单位情况')).toHaveLength(s.units.length);
    const c = await get('financeA', `/api/summary?year=${YEAR}&format=csv`);
    expect(c.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = c.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('分组,代码,名称,金额（万元）或数量,单位数');
    expect(lines).toContain(`机关运行经费,operating_cost,机关运行经费,${s.operatingCost.value},${s.operatingCost.units}`);
    for (const l of s.functional) expect(lines).toContain(`功能分类（${l.level}）,${l.code},${l.name},${l.value},${l.units}`);
    expect(lines).toContain('单位状态,published,已公开,3,');
  });
});
