/**
 * `juesuan serve` killed (SIGKILL) in the middle of a save, through the HTTP
 * API: the server holds the save's transaction open just before COMMIT
 * (JUESUAN_TEST_HOLD_SAVE), the test kills the whole process there, starts a
 * new server on the same data and finds the previous version whole, no new
 * version, and a save on the old base that works — on a PGlite data folder
 * and on the PostgreSQL server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/app/auth.js';
import { datasetToRaw } from '../../src/model/save.js';
import { openStore, type StoreOptions } from '../../src/store/index.js';
import { COMPLETE_EXAMPLE, loadExample } from '../examples.js';
import { ENGINES, PG_URL } from './helpers.js';
import { dropSchema } from '../store/engines.js';

const BIN = join(import.meta.dirname, '..', '..', 'src', 'cli', 'bin.ts');
const PASSWORD = 'kill-mid-save-1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = netServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

interface Running { child: ChildProcess; base: string; output: () => string }

async function serve(storeArgs: string[], env: NodeJS.ProcessEnv): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', BIN, 'serve', '--port', String(port), '--no-worker', ...storeArgs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (let t = 0; ; t++) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${out}`);
    if (out.includes('已启动')) return { child, base, output: () => out };
    if (t > 1200) throw new Error(`serve did not start: ${out}`);
    await sleep(50);
  }
}

async function login(base: string): Promise<{ cookie: string; csrf: string }> {
  const r = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'filler', password: PASSWORD }) });
  expect(r.status).toBe(200);
  return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
}

const put = (base: string, s: { cookie: string; csrf: string }, id: number, body: unknown) =>
  fetch(`${base}/api/datasets/${id}`, { method: 'PUT', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe.each(ENGINES)('serve killed mid-save (%s)', (engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'juesuan-kill-serve-'));
  const schema = `t_kill_${randomBytes(4).toString('hex')}`;
  const storeOptions: StoreOptions = engine === 'pglite' ? { dataDir: join(dir, 'data') } : { databaseUrl: PG_URL, schema };
  const storeArgs = engine === 'pglite' ? ['--data', join(dir, 'data')] : ['--database-url', PG_URL];
  const env: NodeJS.ProcessEnv = { ...process.env, ...(engine === 'postgres' ? { JUESUAN_DB_SCHEMA: schema } : {}) };
  delete env.JUESUAN_TEST_HOLD_SAVE;

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (engine === 'postgres') {
      await dropSchema(schema);
    }
  });

  it('the previous version stays whole, no half version, and the next save works', async () => {
    // A unit, its 填报人 and its dataset at version 1, written before the server starts.
    const original = JSON.parse(JSON.stringify(datasetToRaw(loadExample(COMPLETE_EXAMPLE)))) as Record<string, unknown>;
    const store = await openStore(storeOptions);
    const region = await store.addRegion({ code: '510000', name: '四川省', level: '省', parentId: null });
    const org = await store.addOrganisation({ code: 'QJ', name: '清江县疾病预防控制中心', kind: '单位', parentId: null, regionId: region.id });
    await store.addUser({ username: 'filler', displayName: '填报人', passwordHash: await hashPassword(PASSWORD), role: 'filler', orgId: org.id, regionId: null });
    const ds = await store.createDataset({ orgId: org.id, year: 2024, data: original, findings: [], userId: 1 });
    const v1 = await store.getVersion(ds.id, 1);
    await store.close();

    // The server holds the save open before COMMIT; it is killed there.
    const hold = join(dir, 'hold');
    const first = await serve(storeArgs, { ...env, JUESUAN_TEST_HOLD_SAVE: hold });
    const session = await login(first.base);
    const changed = { ...original, otherMatters: ['本次保存在提交前被中断。'] };
    const pending = put(first.base, session, ds.id, { baseVersion: 1, data: changed }).then((r) => r.status, () => 'aborted');
    for (let t = 0; !existsSync(hold); t++) {
      if (t > 1200) throw new Error(`the save never reached its commit: ${first.output()}`);
      await sleep(50);
    }
    first.child.kill('SIGKILL');
    expect(await pending).toBe('aborted');
    await new Promise((r) => (first.child.exitCode !== null || first.child.signalCode !== null ? r(null) : first.child.once('exit', r)));

    // A new server on the same data: version 1 whole, no version 2; a save on base 1 is version 2.
    const second = await serve(storeArgs, env);
    try {
      const s2 = await login(second.base);
      const detail = (await (await fetch(`${second.base}/api/datasets/${ds.id}`, { headers: { cookie: s2.cookie } })).json()) as { version: number; data: unknown };
      expect(detail.version).toBe(1);
      expect(JSON.stringify(detail.data)).toBe(JSON.stringify(v1!.data));
      const versions = (await (await fetch(`${second.base}/api/datasets/${ds.id}/versions`, { headers: { cookie: s2.cookie } })).json()) as unknown[];
      expect(versions).toHaveLength(1);
      const saved = await put(second.base, s2, ds.id, { baseVersion: 1, data: changed });
      expect(saved.status).toBe(200);
      expect(((await saved.json()) as { version: number }).version).toBe(2);
    } finally {
      second.child.kill('SIGTERM');
      await new Promise((r) => (second.child.exitCode !== null ? r(null) : second.child.once('exit', r)));
    }
  });
});
