/**
 * The HTTP API under load (`npm run bench` runs it; or on its own:
 * `node --import tsx bench/api.ts [--database-url URL]`). Prints one JSON line.
 *
 * The server runs as `juesuan serve` in a process of its own (PGlite in a
 * scratch folder by default, or a PostgreSQL server); this process is the
 * load generator (autocannon) on loopback. EDITORS 填报人 each edit their own
 * unit's dataset (a distinct synthetic unit) and, as fast as the server
 * answers:
 * - save: PUT /api/datasets/:id with the version they last saw (check on save:
 *   parse, rule pack, read-back, one transaction);
 * - preview: GET /api/datasets/:id/preview (the report as HTML).
 * Each scenario runs BENCH_API_SECONDS (default 10) with EDITORS connections.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../src/app/auth.js';
import { parseDataset } from '../src/model/index.js';
import { datasetToRaw } from '../src/model/save.js';
import { openStore } from '../src/store/index.js';
import { synthYaml } from '../src/synth/index.js';

const EDITORS = Number(process.env.BENCH_API_EDITORS ?? 200);
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
const PASSWORD = 'bench-password-1';
const here = fileURLToPath(new URL('.', import.meta.url));
const log = (s: string) => process.stderr.write(`${s}\n`);
const argUrl = process.argv.indexOf('--database-url');
const databaseUrl = argUrl > 0 ? process.argv[argUrl + 1] : undefined;
const schema = databaseUrl ? `bench_api_${process.pid}` : undefined;
const scratch = mkdtempSync(join(tmpdir(), 'juesuan-bench-api-'));

// The store: a region, EDITORS units each with its 填报人 and its dataset (version 1).
log(`准备 ${EDITORS} 个单位、填报人和数据…`);
const store = await openStore(databaseUrl ? { databaseUrl, schema: schema! } : { dataDir: join(scratch, 'data') });
const hash = await hashPassword(PASSWORD);
const region = await store.addRegion({ code: '519999', name: '压测市', level: '市', parentId: null });
const editors: { username: string; datasetId: number; body: string }[] = [];
for (let i = 0; i < EDITORS; i++) {
  const d = parseDataset(synthYaml(2026, i), `synth-${i}.yaml`);
  const org = await store.addOrganisation({ code: `B${String(i).padStart(4, '0')}`, name: d.unit.name, kind: '单位', parentId: null, regionId: region.id });
  const user = await store.addUser({ username: `editor${i}`, displayName: `填报人${i}`, passwordHash: hash, role: 'filler', orgId: org.id, regionId: null });
  const data = JSON.parse(JSON.stringify(datasetToRaw(d))) as Record<string, unknown>;
  const ds = await store.createDataset({ orgId: org.id, year: d.year, data, findings: [], userId: user.id });
  editors.push({ username: user.username, datasetId: ds.id, body: JSON.stringify(data) });
}
await store.close();

// The server, in its own process.
const port = 20000 + (process.pid % 20000);
const cli = join(here, '..', 'src', 'cli', 'bin.ts');
const serveArgs = ['--import', 'tsx', cli, 'serve', '--port', String(port), '--no-worker', ...(databaseUrl ? ['--database-url', databaseUrl] : ['--data', join(scratch, 'data')])];
const server = spawn(process.execPath, serveArgs, { env: { ...process.env, ...(schema ? { JUESUAN_DB_SCHEMA: schema } : {}) }, stdio: ['ignore', 'pipe', 'pipe'] });
let serverOutput = '';
server.stdout.on('data', (b: Buffer) => (serverOutput += b.toString()));
server.stderr.on('data', (b: Buffer) => (serverOutput += b.toString()));
const base = `http://127.0.0.1:${port}`;
for (let t = 0; ; t++) {
  if (server.exitCode !== null) throw new Error(`serve exited: ${serverOutput}`);
  try {
    await fetch(`${base}/api/me`);
    break;
  } catch {
    if (t > 600) throw new Error(`serve did not start: ${serverOutput}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Every editor logs in: a session cookie and its CSRF token.
log(`${EDITORS} 个填报人登录…`);
const sessions: { cookie: string; csrf: string; datasetId: number; version: number; body: string }[] = [];
for (const e of editors) {
  const r = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: e.username, password: PASSWORD }) });
  if (!r.ok) throw new Error(`login ${e.username}: ${r.status} ${await r.text()}`);
  const me = (await r.json()) as { csrfToken: string };
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  sessions.push({ cookie, csrf: me.csrfToken, datasetId: e.datasetId, version: 1, body: e.body });
}

interface Scenario { rps: number; p50: number; p99: number; requests: number; non2xx: number; errors: number; statuses: Record<string, number> }

let firstFailure: string | undefined;

/** EDITORS connections, each bound to one editor (the n-th connection to start takes the n-th editor). */
async function load(title: string, request: (s: (typeof sessions)[number]) => { method: 'GET' | 'PUT'; path: string; body?: string }, onBody?: (s: (typeof sessions)[number], body: string) => void): Promise<Scenario> {
  log(`压测：${title}（${EDITORS} 个并发编辑者，${SECONDS} 秒）…`);
  let next = 0;
  const result = await autocannon({
    url: base,
    connections: EDITORS,
    duration: SECONDS,
    timeout: 60,
    initialContext: {},
    requests: [
      {
        setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
          context.editor ??= next++ % sessions.length;
          const s = sessions[context.editor as number]!;
          const r = request(s);
          return { ...req, method: r.method, path: r.path, ...(r.body ? { body: r.body } : {}), headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' } };
        },
        onResponse: (status: number, body: string, context: Record<string, unknown>) => {
          if (onBody && (status === 200 || status === 409)) onBody(sessions[context.editor as number]!, body);
          if (status >= 400 && firstFailure === undefined) firstFailure = `${status} ${body.slice(0, 200)}`;
        },
      },
    ],
  } as autocannon.Options);
  const statuses = Object.fromEntries(Object.entries((result as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total, non2xx: result.non2xx, errors: result.errors, statuses };
}

const save = await load(
  '保存（审核后存为新版本）',
  (s) => ({ method: 'PUT', path: `/api/datasets/${s.datasetId}`, body: `{"baseVersion":${s.version},"data":${s.body}}` }),
  (s, body) => {
    // 200: the version saved; 409: the version that won (an editor reloads and goes on from it).
    const r = JSON.parse(body) as { version?: number; current?: { version: number } };
    s.version = r.version ?? r.current?.version ?? s.version;
  },
);
const preview = await load('报告预览（HTML）', (s) => ({ method: 'GET', path: `/api/datasets/${s.datasetId}/preview` }));

server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
if (databaseUrl) {
  const pg = (await import('pg')).default;
  const c = new pg.Client(databaseUrl);
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await c.end();
}
rmSync(scratch, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ engine: databaseUrl ? 'postgres' : 'pglite', editors: EDITORS, seconds: SECONDS, save, preview, ...(firstFailure ? { firstFailure } : {}) })}\n`);
