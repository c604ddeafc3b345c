/** Regions, organisations, users and sessions, on both engines. */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { Duplicate, type Store } from '../../src/store/index.js';
import { engines, setupOnce } from './engines.js';
import { seed, unique } from './seed.js';

const tokenHash = (): string => createHash('sha256').update(randomBytes(32)).digest('hex');

describe.each(engines())('$name: regions, organisations, users, sessions', (engine) => {
  let store: Store;
  setupOnce(async () => { store = await engine.open(); });
  afterAll(() => engine.cleanup());

  it('reports its engine', () => {
    expect(store.engine).toBe(engine.name);
  });

  it('adds regions and walks a region subtree (省 → 市 → 县)', async () => {
    const sheng = await store.addRegion({ code: unique('51'), name: '四川省', level: '省', parentId: null });
    const shi = await store.addRegion({ code: unique('5101'), name: '成都市', level: '市', parentId: sheng.id });
    const xian = await store.addRegion({ code: unique('510121'), name: '金堂县', level: '县', parentId: shi.id });
    const other = await store.addRegion({ code: unique('5103'), name: '自贡市', level: '市', parentId: sheng.id });
    const lone = await store.addRegion({ code: unique('52'), name: '贵州省', level: '省', parentId: null });
    expect(xian).toEqual({ id: xian.id, code: xian.code, name: '金堂县', level: '县', parentId: shi.id });
    expect(await store.regionSubtree(sheng.id)).toEqual([sheng.id, shi.id, xian.id, other.id].sort((a, b) => a - b));
    expect(await store.regionSubtree(shi.id)).toEqual([shi.id, xian.id]);
    expect(await store.regionSubtree(xian.id)).toEqual([xian.id]);
    expect(await store.regionSubtree(999_999)).toEqual([]);
    const all = await store.listRegions();
    expect(all.map((r) => r.id)).toEqual(expect.arrayContaining([sheng.id, shi.id, xian.id, other.id, lone.id]));
    expect(all.find((r) => r.id === shi.id)).toEqual(shi);
  });

  it('refuses a region code twice as Duplicate 地区代码, and an unknown level', async () => {
    const code = unique('R');
    await store.addRegion({ code, name: '甲', level: '省', parentId: null });
    const e = await store.addRegion({ code, name: '乙', level: '省', parentId: null }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Duplicate);
    expect((e as Duplicate).what).toBe('地区代码');
    expect((e as Duplicate).message).toBe('地区代码已存在');
    await expect(store.addRegion({ code: unique('R'), name: '丙', level: '乡' as '县', parentId: null })).rejects.toThrow();
  });

  it('adds 主管部门 and 单位 and filters organisations by region and id', async () => {
    const r1 = await store.addRegion({ code: unique('R'), name: '甲市', level: '市', parentId: null });
    const r2 = await store.addRegion({ code: unique('R'), name: '乙市', level: '市', parentId: null });
    const dept = await store.addOrganisation({ code: unique('O'), name: '甲市教育局', kind: '部门', parentId: null, regionId: r1.id });
    const unit = await store.addOrganisation({ code: unique('O'), name: '甲市第一中学', kind: '单位', parentId: dept.id, regionId: r1.id });
    const far = await store.addOrganisation({ code: unique('O'), name: '乙市卫健委', kind: '部门', parentId: null, regionId: r2.id });
    expect(unit).toEqual({ id: unit.id, code: unit.code, name: '甲市第一中学', kind: '单位', parentId: dept.id, regionId: r1.id });
    expect(await store.getOrganisation(unit.id)).toEqual(unit);
    expect(await store.getOrganisation(999_999)).toBeNull();
    expect(await store.listOrganisations({ regionIds: [r1.id] })).toEqual([dept, unit]);
    expect(await store.listOrganisations({ regionIds: [r1.id, r2.id] })).toEqual([dept, unit, far]);
    expect(await store.listOrganisations({ ids: [far.id, unit.id] })).toEqual([unit, far]);
    expect(await store.listOrganisations({ regionIds: [r1.id], ids: [far.id, unit.id] })).toEqual([unit]);
    expect(await store.listOrganisations({ regionIds: [] })).toEqual([]);
    const all = await store.listOrganisations();
    expect(all).toEqual(expect.arrayContaining([dept, unit, far]));
  });

  it('refuses an organisation code twice as Duplicate 组织代码', async () => {
    const r = await store.addRegion({ code: unique('R'), name: '甲', level: '县', parentId: null });
    const code = unique('O');
    await store.addOrganisation({ code, name: '甲', kind: '部门', parentId: null, regionId: r.id });
    const e = await store.addOrganisation({ code, name: '乙', kind: '部门', parentId: null, regionId: r.id }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Duplicate);
    expect((e as Duplicate).what).toBe('组织代码');
    expect((await store.listOrganisations({ regionIds: [r.id] })).map((o) => o.name)).toEqual(['甲']);
  });

  it('adds, reads, lists, counts and updates users', async () => {
    const { org, region } = await seed(store);
    const before = await store.countUsers();
    const username = unique('wang');
    const u = await store.addUser({
      username, displayName: '王财政', passwordHash: 'scrypt$abc', role: 'finance_reviewer', orgId: null, regionId: region.id,
    });
    expect(u).toEqual({
      id: u.id, username, displayName: '王财政', passwordHash: 'scrypt$abc', role: 'finance_reviewer',
      orgId: null, regionId: region.id, disabled: false,
    });
    expect(await store.countUsers()).toBe(before + 1);
    expect(await store.getUser(u.id)).toEqual(u);
    expect(await store.getUserByName(username)).toEqual(u);
    expect(await store.getUserByName(`${username}x`)).toBeNull();
    expect(await store.getUser(999_999)).toBeNull();
    expect((await store.listUsers()).find((x) => x.id === u.id)).toEqual(u);

    const changed = await store.updateUser(u.id, { displayName: '王审核', role: 'filler', orgId: org.id, regionId: null, disabled: true, passwordHash: 'scrypt$new' });
    expect(changed).toEqual({ ...u, displayName: '王审核', role: 'filler', orgId: org.id, regionId: null, disabled: true, passwordHash: 'scrypt$new' });
    expect(await store.getUser(u.id)).toEqual(changed);
    // An empty patch changes nothing; an unknown id is null.
    expect(await store.updateUser(u.id, {})).toEqual(changed);
    expect(await store.updateUser(999_999, { displayName: '无' })).toBeNull();
    // Only the named fields change.
    expect(await store.updateUser(u.id, { disabled: false })).toEqual({ ...changed, disabled: false });
  });

  it('created disabled when asked, and refuses a role outside the four', async () => {
    const u = await store.addUser({ username: unique('d'), displayName: '停用', passwordHash: 'h', role: 'admin', orgId: null, regionId: null, disabled: true });
    expect(u.disabled).toBe(true);
    await expect(store.addUser({ username: unique('r'), displayName: 'x', passwordHash: 'h', role: 'root' as 'admin', orgId: null, regionId: null }))
      .rejects.toThrow();
  });

  it('refuses a username twice as Duplicate 用户名, writing nothing', async () => {
    const username = unique('dup');
    await store.addUser({ username, displayName: '甲', passwordHash: 'h', role: 'admin', orgId: null, regionId: null });
    const count = await store.countUsers();
    const e = await store.addUser({ username, displayName: '乙', passwordHash: 'h', role: 'admin', orgId: null, regionId: null }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(Duplicate);
    expect((e as Duplicate).what).toBe('用户名');
    expect(await store.countUsers()).toBe(count);
    expect((await store.getUserByName(username))?.displayName).toBe('甲');
  });

  it('stores sessions by token hash, hides expired ones, and deletes them', async () => {
    const { filler } = await seed(store);
    const live = { tokenHash: tokenHash(), userId: filler.id, csrfToken: randomBytes(16).toString('hex'), expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
    const dead = { ...live, tokenHash: tokenHash(), expiresAt: new Date(Date.now() - 1000).toISOString() };
    await store.addSession(live);
    await store.addSession(dead);
    expect(await store.getSession(live.tokenHash)).toEqual(live);
    expect(await store.getSession(dead.tokenHash)).toBeNull();
    expect(await store.getSession(tokenHash())).toBeNull();
    await store.deleteSession(live.tokenHash);
    expect(await store.getSession(live.tokenHash)).toBeNull();
    await store.deleteSession(live.tokenHash); // deleting twice is harmless
  });

  it('a new password or a disabled account ends the user\'s sessions; a new session clears the expired ones', async () => {
    const { store, db } = await engine.openWithDb();
    const { filler, reviewer } = await seed(store);
    const session = (userId: number, ms: number) => ({ tokenHash: tokenHash(), userId, csrfToken: 'c', expiresAt: new Date(Date.now() + ms).toISOString() });
    const a = session(filler.id, 3_600_000);
    const b = session(reviewer.id, 3_600_000);
    await store.addSession(a);
    await store.addSession(b);
    await store.updateUser(filler.id, { displayName: '改名不影响会话' });
    expect(await store.getSession(a.tokenHash)).not.toBeNull();
    await store.updateUser(filler.id, { passwordHash: 'scrypt$new' });
    expect(await store.getSession(a.tokenHash)).toBeNull();
    expect(await store.getSession(b.tokenHash)).not.toBeNull(); // another user's session stays
    await store.updateUser(reviewer.id, { disabled: true });
    expect(await store.getSession(b.tokenHash)).toBeNull();
    const expired = session(filler.id, -1000);
    await store.addSession(expired);
    await store.addSession(session(filler.id, 3_600_000));
    const left = await db.query('SELECT count(*)::integer AS n FROM sessions WHERE token_hash = $1', [expired.tokenHash]);
    expect(left[0]!.n).toBe(0);
  });
});
