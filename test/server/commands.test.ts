// `juesuan serve` and `juesuan user add` as functions, and the browser app's
// static files with the SPA fallback.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandError, startServe, userAddCommand } from '../../src/server/commands.js';
import { createServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { PG_URL } from './helpers.js';
import { dropSchema } from '../store/engines.js';

describe('juesuan serve and user add (PGlite data folder)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-serve-'));
  const web = join(dir, 'web');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('first start seeds and prints each demo account once; a restart keeps the data and prints none', async () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: () => {} };
    const first = await startServe({ data: join(dir, 'data'), port: 0, worker: false, webDir: web, ...io });
    try {
      expect(first.address).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
      const accounts = out.filter((l) => l.includes('用户名'));
      expect(accounts).toHaveLength(10);
      const admin = /用户名 admin\t密码 (\S+)/u.exec(out.join('\n'))![1]!;
      const res = await fetch(`${first.address}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: admin }) });
      expect(res.status).toBe(200);
    } finally {
      await first.close();
    }
    out.length = 0;
    const second = await startServe({ data: join(dir, 'data'), port: 0, worker: false, webDir: web, ...io });
    try {
      expect(out.filter((l) => l.includes('用户名'))).toEqual([]);
      expect(await second.store.countUsers()).toBe(10);
    } finally {
      await second.close();
    }
  });

  it('user add: the password from JUESUAN_PASSWORD, Chinese refusals for an unknown unit or a role without one', async () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: () => {}, data: join(dir, 'data') };
    await userAddCommand({ ...io, username: 'li', name: '李四', role: 'finance_reviewer', region: '510699', password: 'li-password-1' });
    expect(out).toEqual(['已创建用户 li（李四，财政审核人）']);
    await expect(userAddCommand({ ...io, username: 'wang', name: '王五', role: 'filler', org: 'nope', password: 'wang-password' })).rejects.toThrow(new CommandError('没有代码为“nope”的单位'));
    await expect(userAddCommand({ ...io, username: 'wang', name: '王五', role: 'unit_reviewer', password: 'wang-password' })).rejects.toThrow('单位审核人须用 --org 指定所属单位的代码');
    await expect(userAddCommand({ ...io, username: 'li', name: '李四', role: 'admin', password: 'li-password-1' })).rejects.toThrow('用户名“li”已存在');
    const store = await openStore({ dataDir: join(dir, 'data') });
    try {
      const li = (await store.getUserByName('li'))!;
      expect(li.passwordHash).toMatch(/^scrypt\$/u);
      expect(li.passwordHash).not.toContain('li-password-1');
    } finally {
      await store.close();
    }
  });
});

describe('juesuan serve on a PostgreSQL server, with its in-process worker', () => {
  const schema = `t_serve_${randomBytes(5).toString('hex')}`;
  afterAll(async () => {
    delete process.env.JUESUAN_DB_SCHEMA;
    await dropSchema(schema);
  });

  it('seeds the schema, runs a job through its worker, and stops cleanly', async () => {
    process.env.JUESUAN_DB_SCHEMA = schema;
    const out: string[] = [];
    const s = await startServe({ databaseUrl: PG_URL, port: 0, worker: true, out: (l) => out.push(l), err: () => {} });
    try {
      expect(s.store.engine).toBe('postgres');
      expect(out.filter((l) => l.includes('用户名'))).toHaveLength(10);
      const pw = /用户名 qingjiang-tb\t密码 (\S+)/u.exec(out.join('\n'))![1]!;
      const login = await fetch(`${s.address}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'qingjiang-tb', password: pw }) });
      const me = (await login.json()) as { csrfToken: string };
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const list = (await (await fetch(`${s.address}/api/datasets`, { headers: { cookie } })).json()) as { id: number }[];
      const queued = await fetch(`${s.address}/api/datasets/${list[0]!.id}/render`, {
        method: 'POST', headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ format: 'html' }),
      });
      expect(queued.status).toBe(202);
      const { job } = (await queued.json()) as { job: { id: number } };
      let status = '';
      for (let i = 0; i < 100 && status !== 'done' && status !== 'failed'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        status = ((await (await fetch(`${s.address}/api/jobs/${job.id}`, { headers: { cookie } })).json()) as { status: string }).status;
      }
      expect(status).toBe('done');
    } finally {
      await s.close();
    }
  });
});

describe('the browser app at /', () => {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-web-'));
  let store: Store;
  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>决算公开</title><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    store = await openStore({});
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the files, falls back to index.html for pages, and keeps /api answers JSON', async () => {
    const app = await createServer({ store, webDir: dir });
    try {
      const page = await app.inject({ method: 'GET', url: '/datasets/3/edit' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('决算公开');
      expect((await app.inject({ method: 'GET', url: '/' })).body).toContain('<div id="root">');
      const js = await app.inject({ method: 'GET', url: '/assets/app.js' });
      expect(js.body).toBe('console.log(1)');
      const api = await app.inject({ method: 'GET', url: '/api/no-such-thing' });
      expect(api.statusCode).toBe(404);
      expect(api.json()).toEqual({ error: 'not_found', message: '没有这个接口' });
      const docs = await app.inject({ method: 'GET', url: '/api/docs/json' });
      expect(Object.keys(docs.json<{ paths: Record<string, unknown> }>().paths)).toEqual(expect.arrayContaining(['/api/login', '/api/datasets/{id}/actions/{action}', '/api/import']));
    } finally {
      await app.close();
    }
  });
});
