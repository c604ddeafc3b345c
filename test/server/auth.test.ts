// Login, sessions, the login rate limit, passwords at rest, accounts, and
// errors that never leak internals; on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Me, UserSummary } from '../../src/api/contract.js';
import { authenticate, hashPassword, login, verifyPassword } from '../../src/app/auth.js';
import { createServer } from '../../src/server/index.js';
import { LoginLimiter } from '../../src/server/session.js';
import type { Store } from '../../src/store/types.js';
import { Client, ENGINES, makeWorld, type World } from './helpers.js';

describe('passwords', () => {
  it('are scrypt hashes with their parameters, salted, checked in constant time', async () => {
    const h = await hashPassword('正确的密码 correct');
    expect(h).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/u);
    expect(await hashPassword('正确的密码 correct')).not.toBe(h);
    expect(await verifyPassword('正确的密码 correct', h)).toBe(true);
    expect(await verifyPassword('正确的密码 correcT', h)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });
});

describe.each(ENGINES)('accounts and sessions on %s', (engine) => {
  let world: World;
  let now = 1_000_000;
  beforeAll(async () => {
    world = await makeWorld(engine, { limiter: new LoginLimiter(5, 60_000, () => now) });
  });
  afterAll(async () => world?.close());

  it('login sets an httpOnly, SameSite=Strict session cookie and gives the CSRF token', async () => {
    const c = world.client();
    const pw = world.accounts.get('qingjiang-tb')!.password;
    const res = await c.login('qingjiang-tb', pw);
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((x) => x.name === 'juesuan_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.secure).toBeFalsy();
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    const me = res.json<Me>();
    expect(me).toMatchObject({ username: 'qingjiang-tb', role: 'filler', regionId: null });
    expect(me.csrfToken.length).toBeGreaterThanOrEqual(32);
    expect((await c.get('/api/me')).json<Me>()).toEqual(me);
    // The store keeps the token's hash only.
    expect(await world.store.getSession(cookie.value)).toBeNull();
  });

  it('secure cookies when asked for (behind https)', async () => {
    const app = await createServer({ store: world.store, secureCookies: true });
    const res = await new Client(app).login('qingjiang-sh', world.accounts.get('qingjiang-sh')!.password);
    expect(res.cookies.find((x) => x.name === 'juesuan_session')!.secure).toBe(true);
    await app.close();
  });

  it('behind a trusted https proxy the cookie is Secure; over plain http it is not', async () => {
    const app = await createServer({ store: world.store, trustProxy: true });
    const login = (headers: Record<string, string>) => app.inject({
      method: 'POST', url: '/api/login', headers, payload: { username: 'qingjiang-sh', password: world.accounts.get('qingjiang-sh')!.password },
    });
    expect((await login({ 'x-forwarded-proto': 'https' })).cookies[0]!.secure).toBe(true);
    expect((await login({})).cookies[0]!.secure).toBeFalsy();
    await app.close();
  });

  it('an unknown user and a wrong password get the same answer', async () => {
    const a = await world.client().login('nobody', 'whatever-password');
    const b = await world.client().login('qingjiang-sh', 'wrong-password');
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.json()).toEqual({ error: 'unauthenticated', message: '用户名或密码错误' });
    expect(b.json()).toEqual(a.json());
    expect(a.cookies).toEqual([]);
  });

  it('five failures in a minute for one IP and username: the next attempt is 429, even with the right password', async () => {
    const pw = world.accounts.get('miyi-tb')!.password;
    const c = new Client(world.app, '10.0.0.7');
    for (let i = 0; i < 5; i++) expect((await c.login('miyi-tb', `wrong-${i}`)).statusCode).toBe(401);
    const blocked = await c.login('miyi-tb', pw);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toEqual({ error: 'rate_limited', message: '登录尝试过于频繁，请稍后再试' });
    // Another IP, or another username from this IP, is not held back.
    expect((await new Client(world.app, '10.0.0.8').login('miyi-tb', pw)).statusCode).toBe(200);
    expect((await c.login('miyi-sh', world.accounts.get('miyi-sh')!.password)).statusCode).toBe(200);
    // A minute later it may try again.
    now += 60_001;
    expect((await c.login('miyi-tb', pw)).statusCode).toBe(200);
  });

  it('logout ends the session on the server and clears the cookie', async () => {
    const c = world.client();
    await c.login('miyi-sh', world.accounts.get('miyi-sh')!.password);
    const token = c.cookie;
    const res = await c.post('/api/logout');
    expect(res.statusCode).toBe(204);
    expect(res.cookies.find((x) => x.name === 'juesuan_session')!.value).toBe('');
    c.cookie = token; // the old cookie, replayed
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });

  it('a session expires after 12 hours', async () => {
    const start = new Date();
    const at = (ms: number) => new Date(start.getTime() + ms);
    const r = await login(world.store, 'miyi-cz', world.accounts.get('miyi-cz')!.password, start);
    expect(Date.parse(r.session.expiresAt) - start.getTime()).toBe(12 * 3600_000);
    expect((await authenticate(world.store, r.token, at(11 * 3600_000)))?.user.username).toBe('miyi-cz');
    expect(await authenticate(world.store, r.token, at(12 * 3600_000 + 1000))).toBeNull();
    // And it is gone from the store.
    expect(await authenticate(world.store, r.token, at(0))).toBeNull();
  });

  it('passwords are stored as scrypt hashes: no clear password anywhere in the store', async () => {
    const users = await world.store.listUsers();
    expect(users).toHaveLength(world.accounts.size);
    for (const u of users) expect(u.passwordHash).toMatch(/^scrypt\$/u);
    const everything = JSON.stringify({
      users,
      one: await Promise.all(users.map((u) => world.store.getUser(u.id))),
      orgs: await world.store.listOrganisations(),
      datasets: await world.store.listDatasets({}),
      events: await Promise.all((await world.store.listDatasets({})).map((d) => world.store.listEvents(d.id))),
    });
    for (const a of world.accounts.values()) expect(everything).not.toContain(a.password);
  });

  it('管理员 adds, changes and disables accounts; a disabled account cannot log in', async () => {
    const admin = await world.as('admin');
    const orgs = (await admin.get('/api/organisations')).json<{ id: number; code: string }[]>();
    const org = orgs.find((o) => o.code === 'qingjiang-cdc')!;
    const missingOrg = await admin.post('/api/users', { username: 'zhang', displayName: '张三', password: 'zhang-password', role: 'filler', orgId: null, regionId: null });
    expect(missingOrg.statusCode).toBe(400);
    expect(missingOrg.json().fields).toEqual({ orgId: '填报人须指定所属单位' });
    const shortPw = await admin.post('/api/users', { username: 'zhang', displayName: '张三', password: 'short', role: 'filler', orgId: org.id });
    expect(shortPw.json().fields).toEqual({ password: '密码至少应有8个字符' });
    const created = await admin.post('/api/users', { username: 'zhang', displayName: '张三', password: 'zhang-password', role: 'filler', orgId: org.id });
    expect(created.statusCode).toBe(200);
    const zhang = created.json<UserSummary>();
    expect(zhang).toMatchObject({ username: 'zhang', role: 'filler', orgId: org.id, disabled: false });
    const c = world.client();
    expect((await c.login('zhang', 'zhang-password')).statusCode).toBe(200);
    const patched = await admin.request('PATCH', `/api/users/${zhang.id}`, { disabled: true });
    expect(patched.json<UserSummary>().disabled).toBe(true);
    // The open session ends with the account, and logging in again is refused.
    expect((await c.get('/api/me')).statusCode).toBe(401);
    const again = await world.client().login('zhang', 'zhang-password');
    expect(again.statusCode).toBe(401);
    expect(again.json().message).toBe('该账号已停用，请联系管理员');
    const self = await admin.request('PATCH', `/api/users/${admin.me!.id}`, { disabled: true });
    expect(self.json().fields).toEqual({ disabled: '不能停用自己的账号' });
    expect((await admin.request('PATCH', '/api/users/999999', { displayName: '无' })).statusCode).toBe(404);
  });

  it('bad input is a 400 in Chinese with the fields named', async () => {
    const res = await world.client().request('POST', '/api/login', { username: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_request', fields: { password: '缺少此项（必填）' } });
    const notJson = await world.client().request('POST', '/api/login', undefined, { payload: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toEqual({ error: 'bad_request', message: '请求内容不是有效的 JSON' });
    const admin = await world.as('admin');
    const badRole = await admin.post('/api/users', { username: 'x1', displayName: 'x', password: 'long-password', role: 'boss' });
    expect(badRole.statusCode).toBe(400);
    expect(badRole.json().fields.role).toBe('应为以下之一：filler、unit_reviewer、finance_reviewer、admin');
  });

  it('an /api route registered without an access rule is for logged-in users, never public by accident', async () => {
    const app = await createServer({ store: world.store });
    app.get('/api/forgotten', async () => ({ secret: true }));
    const res = await app.inject({ method: 'GET', url: '/api/forgotten' });
    expect(res.statusCode).toBe(401);
    const c = new Client(app);
    await c.login('qingjiang-sh', world.accounts.get('qingjiang-sh')!.password);
    expect((await c.get('/api/forgotten')).json()).toEqual({ secret: true });
    await app.close();
  });

  it('an unexpected failure is a 500 with a Chinese message, no stack trace, no internals', async () => {
    const broken = new Proxy(world.store, {
      get(target, prop, receiver) {
        if (prop === 'listRegions') return () => Promise.reject(new Error('connection to 10.1.2.3 refused: secret detail'));
        return Reflect.get(target, prop, receiver) as unknown;
      },
    }) as Store;
    const app = await createServer({ store: broken });
    const c = new Client(app);
    await c.login('admin', world.accounts.get('admin')!.password);
    const res = await c.get('/api/regions');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: 'internal', message: '服务器内部错误，请稍后重试；如果问题持续，请联系管理员' });
    expect(res.body).not.toContain('secret');
    await app.close();
  });
});
