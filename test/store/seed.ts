/** Small builders for store tests: a region, a unit and users, with codes unique within a store. */
import type { DatasetJson, Organisation, Region, StoredFinding } from '../../src/api/contract.js';
import type { Store, UserRecord } from '../../src/store/index.js';

let n = 0;
export const unique = (prefix: string): string => `${prefix}${++n}_${Date.now().toString(36)}`;

export interface Seed {
  region: Region;
  org: Organisation;
  filler: UserRecord;
  reviewer: UserRecord;
}

export async function seed(store: Store): Promise<Seed> {
  const region = await store.addRegion({ code: unique('R'), name: '四川省', level: '省', parentId: null });
  const org = await store.addOrganisation({ code: unique('O'), name: '某某县财政局', kind: '单位', parentId: null, regionId: region.id });
  const filler = await store.addUser({
    username: unique('filler'), displayName: '张填报', passwordHash: 'scrypt$x', role: 'filler', orgId: org.id, regionId: null,
  });
  const reviewer = await store.addUser({
    username: unique('reviewer'), displayName: '李审核', passwordHash: 'scrypt$y', role: 'unit_reviewer', orgId: org.id, regionId: null,
  });
  return { region, org, filler, reviewer };
}

export const dataset = (year: number, total: string): DatasetJson => ({
  unit: { name: '某某县财政局', year },
  moneyUnit: '万元',
  income: { total, fiscal: total },
});

export const finding = (rule: string): StoredFinding => ({
  rule, severity: 'warning', message: '支出变动超过 30% 未说明原因', location: 'expenditure.total', hint: '请说明原因',
});

/** A dataset of some megabytes (its JSON is stored TOASTed, over many pages), tagged to tell versions apart. */
export const bigDataset = (year: number, tag: string): DatasetJson => ({
  ...dataset(year, '100.00'),
  tag,
  expenditure: Array.from({ length: 40_000 }, (_, i) => ({
    code: `201${String(i).padStart(5, '0')}`,
    name: `一般公共服务支出第${i}项（${tag}）`,
    amount: `${i}.${String(i % 100).padStart(2, '0')}`,
  })),
});
