/**
 * The public portal and the bureau's 汇总 at real volume (issue 14), against
 * PostgreSQL (`npm run bench` runs it; or on its own:
 * `node --import tsx bench/portal.ts [--quick] [--units N]`). Prints one JSON line.
 *
 * The store: a schema of its own on JUESUAN_BENCH_PG_URL (default
 * postgres://postgres@127.0.0.1:5432/test), dropped afterwards, holding
 * UNITS (10,000; --quick: 1,000) published unit-years of 2024 in one province
 * (10 cities × 10 counties, the units spread evenly over the counties).
 *
 * How they are published, exactly: DISTINCT (200) synthetic units whose own
 * year is 2024 (`src/synth`, seed 2026) are rendered once each — HTML and the
 * open-data JSON, what the portal's pages read — and their facts and the
 * unit page's figures computed with `factsOfDataset` and `portalFiguresOf`, as
 * the publish job does. Unit k is then a new
 * organisation with its dataset (version 1: synthetic unit k mod DISTINCT's
 * data under its own name), taken draft → submitted → unit_approved →
 * finance_approved by `store.transition`, and published by `store.addBundle`
 * with those files, facts and figures and the step to 已公开 in one transaction:
 * the same store call, rows and transaction as the publish job's. What is
 * not done per unit: rendering (the reused HTML and JSON carry the distinct
 * unit's name), and the PDF, DOCX and XLSX files (they would take hours to
 * render and no page reads them).
 *
 * Then, against `juesuan serve` in its own process (--no-worker):
 * - report page /gongkai/reports/:id and unit page /gongkai/units/:code,
 *   autocannon with 50 connections for BENCH_PORTAL_SECONDS (default 10)
 *   each, every request a random unit: p50/p95/p99 from every response time;
 * - the region 汇总 of the province (all UNITS units): GET /api/summary as
 *   管理员, 5 times: the first cold (nothing cached in the server: the lines
 *   kept per region at publication are read and added up), the other four
 *   warm (the sums cached until a bundle is published), their median and max;
 * - the open-data CSV of the province for 2024, streamed to this process:
 *   bytes, seconds, and the server's RSS before, at its peak (sampled every
 *   50 ms from /proc) and after.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashPassword } from '../src/app/auth.js';
import { factsOfDataset } from '../src/app/opendata.js';
import { portalFiguresOf } from '../src/app/portal.js';
import { renderDataset } from '../src/app/render.js';
import { parseDataset } from '../src/model/index.js';
import { datasetToRaw } from '../src/model/save.js';
import { findProfile } from '../src/profiles/index.js';
import { openStore, type NewBundleFile, type NewFact, type Store } from '../src/store/index.js';
import { synthDataset, synthYaml } from '../src/synth/index.js';
import pg from 'pg';

const QUICK = process.argv.includes('--quick');
/** Fill the schema, print its name and keep it (for profiling by hand); no measurement. */
const FILL_ONLY = process.argv.includes('--fill-only');
const argUnits = process.argv.indexOf('--units');
const UNITS = argUnits > 0 ? Number(process.argv[argUnits + 1]) : QUICK ? 1000 : 10_000;
const DISTINCT = Math.min(200, UNITS);
const YEAR = 2024;
const CONNECTIONS = 50;
const SECONDS = Number(process.env.BENCH_PORTAL_SECONDS ?? 10);
const PASSWORD = 'bench-password-1';
const databaseUrl = process.env.JUESUAN_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_portal_${process.pid}`;
const here = fileURLToPath(new URL('.', import.meta.url));
const log = (s: string) => process.stderr.write(`${s}\n`);

/** Drops the bench's own schema (its name is ours: bench_portal_<pid>). */
async function dropSchema(name: string, url: string): Promise<void> {
  if (!/^bench_portal_\d+$/.test(name)) throw new Error(`not a bench schema: ${name}`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  } finally {
    await c.end();
  }
}

async function analyze(name: string, url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`SET search_path TO ${name}`);
    await c.query('ANALYZE');
  } finally {
    await c.end();
  }
}

const sha256 = (d: Uint8Array) => createHash('sha256').update(d).digest('hex');

interface Template { raw: Record<string, unknown>; name: string; files: NewBundleFile[]; facts: NewFact[]; figures: ReturnType<typeof portalFiguresOf> }

async function templates(): Promise<Template[]> {
  const out: Template[] = [];
  for (let i = 0; out.length < DISTINCT; i++) {
    if (synthDataset(2026, i).year !== YEAR) continue;
    const d = parseDataset(synthYaml(2026, i), `synth-${i}.yaml`);
    const r = await renderDataset(d, findProfile(d.profile ?? 'sichuan')!, ['html', 'json'], {});
    if (!r.final) throw new Error(`synthetic unit ${i} is not final`);
    out.push({
      raw: JSON.parse(JSON.stringify(datasetToRaw(d))) as Record<string, unknown>,
      name: d.unit.name,
      files: r.files.map((f) => ({ name: f.name, mediaType: f.mediaType, bytes: f.data.byteLength, sha256: sha256(f.data), data: f.data })),
      facts: factsOfDataset(d),
      figures: portalFiguresOf(d),
    });
  }
  return out;
}

async function fill(store: Store): Promise<{ bundles: number[]; codes: string[]; facts: number; seconds: number }> {
  const t0 = performance.now();
  log(`渲染 ${DISTINCT} 个不同的 ${YEAR} 年度合成单位（HTML 与开放数据 JSON）…`);
  const ts = await templates();
  const admin = await store.addUser({ username: 'bench-admin', displayName: '压测管理员', passwordHash: await hashPassword(PASSWORD), role: 'admin', orgId: null, regionId: null });
  const province = await store.addRegion({ code: '590000', name: '压测省', level: '省', parentId: null });
  const counties: number[] = [];
  for (let c = 0; c < 10; c++) {
    const city = await store.addRegion({ code: `59${String(c + 1).padStart(2, '0')}00`, name: `压测市${c + 1}`, level: '市', parentId: province.id });
    for (let k = 0; k < 10; k++) {
      counties.push((await store.addRegion({ code: `59${String(c + 1).padStart(2, '0')}${String(k + 1).padStart(2, '0')}`, name: `压测市${c + 1}县${k + 1}`, level: '县', parentId: city.id })).id);
    }
  }
  const bundles: number[] = [];
  const codes: string[] = [];
  let facts = 0;
  let next = 0;
  const one = async (k: number) => {
    const t = ts[k % ts.length]!;
    const code = `P${String(k + 1).padStart(5, '0')}`;
    const org = await store.addOrganisation({ code, name: `${t.name}（${code}）`, kind: '单位', parentId: null, regionId: counties[k % counties.length]! });
    const ds = await store.createDataset({ orgId: org.id, year: YEAR, data: t.raw, findings: [], userId: admin.id });
    for (const [from, to, action] of [['draft', 'submitted', 'submit'], ['submitted', 'unit_approved', 'unit_approve'], ['unit_approved', 'finance_approved', 'finance_approve']] as const) {
      await store.transition(ds.id, { from: [from], to, action, userId: admin.id });
    }
    const b = await store.addBundle({
      datasetId: ds.id, datasetVersion: 1, userId: admin.id, correctionNote: null, files: t.files, facts: t.facts, figures: t.figures,
      publish: { from: ['finance_approved'], to: 'published', action: 'publish', userId: admin.id, comment: null },
    });
    bundles[k] = b.id;
    codes[k] = code;
    facts += t.facts.length;
  };
  // A few units at once (the pool has connections to spare).
  await Promise.all(Array.from({ length: 4 }, async () => {
    for (let k = next++; k < UNITS; k = next++) {
      await one(k);
      if ((k + 1) % 1000 === 0) log(`  已公开 ${k + 1} / ${UNITS} 个单位（${((performance.now() - t0) / 1000).toFixed(0)} 秒）`);
    }
  }));
  return { bundles, codes, facts, seconds: (performance.now() - t0) / 1000 };
}

const rssKb = (pid: number, field: 'VmRSS' | 'VmHWM'): number => {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const store = await openStore({ databaseUrl, schema });
  let server: ReturnType<typeof spawn> | undefined;
  try {
    const filled = await fill(store);
    await store.close();
    log(`已公开 ${UNITS} 个单位、${filled.facts} 个数字，用时 ${filled.seconds.toFixed(0)} 秒`);
    // Fresh statistics, as autovacuum gathers them soon after a bulk load: without them the planner takes the
    // freshly filled tables for nearly empty and joins every fact with every bundle (a CSV page took 10 s, not 6 ms).
    await analyze(schema, databaseUrl);
    if (FILL_ONLY) {
      console.log(JSON.stringify({ schema, bundles: filled.bundles.slice(0, 5), codes: filled.codes.slice(0, 5) }));
      return;
    }

    const port = 21000 + (process.pid % 20000);
    const cli = join(here, '..', 'src', 'cli', 'bin.ts');
    server = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', String(port), '--no-worker', '--database-url', databaseUrl], {
      env: { ...process.env, JUESUAN_DB_SCHEMA: schema }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let serverOutput = '';
    server.stdout!.on('data', (b: Buffer) => (serverOutput += b.toString()));
    server.stderr!.on('data', (b: Buffer) => (serverOutput += b.toString()));
    const base = `http://127.0.0.1:${port}`;
    for (let t = 0; ; t++) {
      if (server.exitCode !== null) throw new Error(`serve exited: ${serverOutput}`);
      try {
        await fetch(`${base}/api/public/reports?unit=P00001`);
        break;
      } catch {
        if (t > 600) throw new Error(`serve did not start: ${serverOutput}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const pid = server.pid!;
    // Stopped early (Ctrl+C): the server goes too.
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => { server?.kill('SIGTERM'); process.exit(130); });

    const load = async (title: string, path: (k: number) => string) => {
      log(`压测：${title}（${CONNECTIONS} 个并发客户端，${SECONDS} 秒，每次随机一个单位）…`);
      // Warm-up: one of each, so the first request's module loading is not counted.
      await (await fetch(`${base}${path(0)}`)).text();
      const times: number[] = [];
      let firstFailure: string | undefined;
      const instance = autocannon({
        url: base,
        connections: CONNECTIONS,
        duration: SECONDS,
        timeout: 60,
        requests: [{
          setupRequest: (req: Record<string, unknown>) => ({ ...req, method: 'GET', path: path(Math.floor(Math.random() * UNITS)) }),
          onResponse: (status: number, body: string) => {
            if (status >= 400 && firstFailure === undefined) firstFailure = `${status} ${body.slice(0, 200)}`;
          },
        }],
      } as autocannon.Options);
      instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
      const result = await instance;
      times.sort((a, b) => a - b);
      return {
        rps: result.requests.average, requests: times.length, non2xx: result.non2xx, errors: result.errors,
        p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), ...(firstFailure ? { firstFailure } : {}),
      };
    };
    // The machine may be shared: its load when the measuring starts is part of the figures.
    const load1 = loadavg()[0]!;
    const report = await load('报告页', (k) => `/gongkai/reports/${filled.bundles[k]}`);
    const unit = await load('单位页', (k) => `/gongkai/units/${filled.codes[k]}`);

    log(`汇总：压测省（${UNITS} 个单位）…`);
    const login = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-admin', password: PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const summaryMs: number[] = [];
    let summaryUnits = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/summary?year=${YEAR}&region=590000`, { headers: { cookie } });
      const s = (await res.json()) as { publishedUnits: number };
      summaryMs.push(performance.now() - t0);
      summaryUnits = s.publishedUnits;
    }
    // The first is cold (nothing cached yet); the others find the sums cached until the next publication.
    const coldMs = summaryMs[0]!;
    const warm = summaryMs.slice(1).sort((a, b) => a - b);

    log(`开放数据：压测省 ${YEAR} 年度 CSV（流式）…`);
    const rssBefore = rssKb(pid, 'VmRSS');
    let peak = rssBefore;
    const sampler = setInterval(() => { peak = Math.max(peak, rssKb(pid, 'VmRSS')); }, 50);
    const t0 = performance.now();
    const res = await fetch(`${base}/api/public/regions/590000/${YEAR}.csv`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const b of chunk) if (b === 10) lines++;
    }
    const csvSeconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const rssAfter = rssKb(pid, 'VmRSS');

    const out = {
      quick: QUICK, load_average_1m: Number(load1.toFixed(1)), units: UNITS, distinct: DISTINCT, facts: filled.facts, fill_seconds: Number(filled.seconds.toFixed(1)),
      report, unit,
      summary: { units: summaryUnits, cold_ms: Math.round(coldMs), warm_median_ms: Math.round((warm[1]! + warm[2]!) / 2), warm_max_ms: Math.round(warm[3]!) },
      csv: { status: res.status, mb: Number((bytes / 1024 / 1024).toFixed(1)), rows: lines - 1, seconds: Number(csvSeconds.toFixed(1)), rss_before_mb: Math.round(rssBefore / 1024), rss_peak_mb: Math.round(peak / 1024), rss_after_mb: Math.round(rssAfter / 1024) },
    };
    console.log(JSON.stringify(out));
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    await store.close().catch(() => {});
    if (!FILL_ONLY) await dropSchema(schema, databaseUrl).catch((e: unknown) => log(`未能删除 schema ${schema}：${String(e)}`));
  }
}

await main();
