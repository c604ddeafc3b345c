/**
 * The first start of an empty store: the regions and organisations of the
 * bundled examples, their datasets as version 1, and demo accounts (a 填报人
 * and a 单位审核人 per unit, a 财政审核人 per county, one 管理员) with random
 * passwords, returned once for the operator and stored only as scrypt hashes.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { RegionLevel, Role } from '../api/contract.js';
import { parseDataset } from '../model/index.js';
import { datasetToRaw } from '../model/save.js';
import type { Store } from '../store/types.js';
import { hashPassword } from './auth.js';
import { reviewJson } from './datasets.js';

export function examplesDir(): string {
  return fileURLToPath(new URL('../../examples/', import.meta.url));
}

interface SeedRegion { code: string; name: string; level: RegionLevel; parent: string | null }
export const SEED_REGIONS: readonly SeedRegion[] = [
  { code: '510000', name: '四川省', level: '省', parent: null },
  { code: '510800', name: '广元市', level: '市', parent: '510000' },
  { code: '510811', name: '昭化区', level: '县', parent: '510800' },
  { code: '510400', name: '攀枝花市', level: '市', parent: '510000' },
  { code: '510421', name: '米易县', level: '县', parent: '510400' },
  { code: '510600', name: '德阳市', level: '市', parent: '510000' },
  // 清江县 is the synthetic example's county: a code outside the real ones.
  { code: '510699', name: '清江县', level: '县', parent: '510600' },
];

interface SeedUnit { code: string; example: string; region: string; user: string }
export const SEED_UNITS: readonly SeedUnit[] = [
  { code: 'zhaohua-zfw', example: 'zhaohua-zfw-2022.yaml', region: '510811', user: 'zhaohua' },
  { code: 'miyi-zfw', example: 'miyi-zfw-2021.yaml', region: '510421', user: 'miyi' },
  { code: 'qingjiang-cdc', example: 'qingjiang-cdc-2024.yaml', region: '510699', user: 'qingjiang' },
];

export interface SeededAccount {
  username: string;
  displayName: string;
  role: Role;
  /** Shown once to the operator; never stored. */
  password: string;
  /** The unit or region the account works for. */
  scope: string;
}

export const randomPassword = (): string => randomBytes(12).toString('base64url');

/** Seeds an empty store (no user yet); returns the accounts made, or null when the store already had users. */
export async function seedIfEmpty(store: Store, o: { examplesDir?: string; password?: () => string } = {}): Promise<SeededAccount[] | null> {
  if ((await store.countUsers()) > 0) return null;
  const dir = o.examplesDir ?? examplesDir();
  const password = o.password ?? randomPassword;
  const accounts: SeededAccount[] = [];
  const addUser = async (a: Omit<SeededAccount, 'password'>, orgId: number | null, regionId: number | null) => {
    const pw = password();
    const u = await store.addUser({ username: a.username, displayName: a.displayName, role: a.role, orgId, regionId, passwordHash: await hashPassword(pw) });
    accounts.push({ ...a, password: pw });
    return u;
  };

  const regionIds = new Map<string, number>();
  for (const r of SEED_REGIONS) {
    const added = await store.addRegion({ code: r.code, name: r.name, level: r.level, parentId: r.parent === null ? null : regionIds.get(r.parent)! });
    regionIds.set(r.code, added.id);
  }
  for (const u of SEED_UNITS) {
    const dataset = parseDataset(readFileSync(join(dir, u.example), 'utf8'), u.example);
    const regionId = regionIds.get(u.region)!;
    const org = await store.addOrganisation({ code: u.code, name: dataset.unit.name, kind: dataset.unit.level, parentId: null, regionId });
    const filler = await addUser({ username: `${u.user}-tb`, displayName: `${dataset.unit.shortName}填报人`, role: 'filler', scope: org.name }, org.id, null);
    await addUser({ username: `${u.user}-sh`, displayName: `${dataset.unit.shortName}审核人`, role: 'unit_reviewer', scope: org.name }, org.id, null);
    const r = reviewJson(datasetToRaw(dataset));
    await store.createDataset({ orgId: org.id, year: dataset.year, data: r.data, findings: r.findings, userId: filler.id, note: '示例数据', action: 'import' });
  }
  for (const r of SEED_REGIONS.filter((x) => x.level === '县')) {
    const unit = SEED_UNITS.find((u) => u.region === r.code)!;
    await addUser({ username: `${unit.user}-cz`, displayName: `${r.name}财政局审核人`, role: 'finance_reviewer', scope: r.name }, null, regionIds.get(r.code)!);
  }
  await addUser({ username: 'admin', displayName: '系统管理员', role: 'admin', scope: '全部' }, null, null);
  return accounts;
}
