/**
 * The public portal end to end, on both store engines (issue 14): units are published through the real path (the
 * workflow, then POST …/actions/publish and the worker's publish job rendering the bundle and storing its facts);
 * an anonymous visitor browses region → unit → report, compares three units and downloads the region's CSV, whose
 * sums are checked against each report's own JSON file; a 财政审核人 uploads the two seed texts and sees the
 * contradictions of test/audit/SEED_FINDINGS.md (rule ids and quotes) in the browser, filters them, exports them;
 * the 汇总 screen's totals equal the CSV's. Screenshots at a desktop and a phone size (390×844) go to a temp folder
 * (printed), or JUESUAN_E2E_SHOTS.
 */
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import type { FastifyInstance } from 'fastify';
import type { Job, Summary } from '../../src/api/contract.js';
import { createServer } from '../../src/server/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { seedIfEmpty } from '../../src/app/seed.js';
import { startWorker, type Worker } from '../../src/worker/index.js';
import { parseDataset } from '../../src/model/index.js';
import { datasetToRaw } from '../../src/model/save.js';
import { parseAmount } from '../../src/money/index.js';
import { auditReport } from '../../src/app/audit.js';
import { synthDataset, synthYaml } from '../../src/synth/index.js';
import { dropSchema } from '../store/engines.js';
import { wanToYuan } from '../../web/src/format.js';

const PG_URL = process.env.JUESUAN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = `e2e-${randomBytes(6).toString('hex')}`;
const ROOT = join(import.meta.dirname, '..', '..');
const WEB_DIR = join(ROOT, 'dist', 'web');
const SEEDS = join(ROOT, 'test', 'fixtures', 'seeds');
const SHOTS = process.env.JUESUAN_E2E_SHOTS ?? mkdtempSync(join(tmpdir(), 'juesuan-e2e-portal-'));
const YEAR = 2024;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

/** The rule ids and literal quotes of SEED_FINDINGS.md, per seed file. */
function seedFindings(): Map<string, { rule: string; quotes: string[] }[]> {
  const md = readFileSync(join(ROOT, 'test', 'audit', 'SEED_FINDINGS.md'), 'utf8');
  const out = new Map<string, { rule: string; quotes: string[] }[]>();
  let file = '';
  for (const line of md.split('\n')) {
    const head = /^## .*\(`([^`]+)`/u.exec(line);
    if (head) {
      file = head[1]!;
      out.set(file, []);
      continue;
    }
    const row = /^\| ([A-Z][A-Za-z0-9-]+) \| (error|warning) \| (.*?) \|/u.exec(line);
    if (row && file) {
      // The literal quotes “…” of the row (each up to its first ellipsis).
      const quotes = [...row[3]!.matchAll(/“([^”]+)”/gu)].map((m) => m[1]!.split('…')[0]!.trim()).filter((q) => q.length >= 6);
      out.get(file)!.push({ rule: row[1]!, quotes });
    }
  }
  return out;
}

let browser: Browser;

beforeAll(async () => {
  await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  console.log(`e2e portal screenshots: ${SHOTS}`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

interface Engine {
  name: 'pglite' | 'postgres';
  open(): Promise<{ store: Store; cleanup: () => Promise<void> }>;
}

const ENGINES: Engine[] = [
  { name: 'pglite', open: async () => { const store = await openStore({}); return { store, cleanup: () => store.close() }; } },
  {
    name: 'postgres',
    open: async () => {
      const schema = `e2e_portal_${randomBytes(6).toString('hex')}`;
      const store = await openStore({ databaseUrl: PG_URL, schema });
      return { store, cleanup: async () => { await store.close(); await dropSchema(schema); } };
    },
  },
];

/** Sums exact 万元 decimal strings (to the 分). */
const sumWan = (values: readonly string[]): bigint => values.reduce((n, v) => n + parseAmount(v, '万元').fen, 0n);

/** A minimal CSV reader (quoted fields, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; } else if (ch === '\r') continue;
    else if (ch === '\n') { row.push(field); rows.push(row); row = []; field = ''; } else field += ch;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

interface ReportJson { facts: { concept: string; year: number; scenario: string; dimensions: Record<string, string>; value: string }[] }

describe.each(ENGINES)('the public portal on $name', (engine) => {
  let app: FastifyInstance;
  let store: Store;
  let base: string;
  let cleanup: () => Promise<void>;
  let worker: Worker;
  let shots: string;
  const contexts: BrowserContext[] = [];
  /** The published units: code, name, bundle id. */
  const units: { code: string; name: string; bundleId: number }[] = [];

  beforeAll(async () => {
    const opened = await engine.open();
    store = opened.store;
    cleanup = opened.cleanup;
    await seedIfEmpty(store, { password: () => PASSWORD });
    worker = startWorker(store, { pollMs: 200, log: (line) => console.error(line) });
    app = await createServer({ store, webDir: WEB_DIR });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no port');
    base = `http://127.0.0.1:${addr.port}`;
    shots = join(SHOTS, engine.name);
    mkdirSync(shots, { recursive: true });

    // 清江县: its 疾控中心 (the seed's 2024 dataset) and three synthetic units, each taken through the workflow and then
    // published by the county's 财政审核人 through the API: the worker renders the bundle and stores its facts.
    const admin = (await store.getUserByName('admin'))!;
    const cdc = (await store.listOrganisations()).find((o) => o.code === 'qingjiang-cdc')!;
    const datasets: { id: number; code: string; name: string }[] = [{ id: (await store.findDataset(cdc.id, YEAR))!.id, code: cdc.code, name: cdc.name }];
    // Synthetic units whose own year is YEAR (their texts name the year: changing it afterwards would not pass the review).
    const indices: number[] = [];
    for (let i = 0; indices.length < 3; i++) if (synthDataset(2026, i).year === YEAR) indices.push(i);
    for (const [k, i] of indices.entries()) {
      const d = parseDataset(synthYaml(2026, i), `synth-${i}.yaml`);
      const raw = JSON.parse(JSON.stringify(datasetToRaw(d))) as Record<string, unknown>;
      const i1 = k;
      const org = await store.addOrganisation({ code: `qj-unit-${i1 + 1}`, name: d.unit.name, kind: '单位', parentId: null, regionId: cdc.regionId });
      const ds = await store.createDataset({ orgId: org.id, year: YEAR, data: raw, findings: [], userId: admin.id });
      datasets.push({ id: ds.id, code: org.code, name: d.unit.name });
    }
    for (const d of datasets) {
      for (const [from, to, action] of [['draft', 'submitted', 'submit'], ['submitted', 'unit_approved', 'unit_approve'], ['unit_approved', 'finance_approved', 'finance_approve']] as const) {
        await store.transition(d.id, { from: [from], to, action, userId: admin.id });
      }
    }
    const login = await fetch(`${base}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'qingjiang-cz', password: PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
    for (const d of datasets) {
      const res = await fetch(`${base}/api/datasets/${d.id}/actions/publish`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: '{}' });
      expect(res.status, await res.clone().text()).toBe(202);
      const { job } = (await res.json()) as { job: Job };
      let j = job;
      for (let t = 0; t < 600 && (j.status === 'queued' || j.status === 'running'); t++) {
        await new Promise((r) => setTimeout(r, 250));
        j = (await (await fetch(`${base}/api/jobs/${job.id}`, { headers: { cookie } })).json()) as Job;
      }
      expect([d.code, j.status, j.error]).toEqual([d.code, 'done', null]);
      units.push({ code: d.code, name: d.name, bundleId: j.result!.bundleId! });
    }
  }, 600_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await app?.close();
    await worker?.stop();
    await cleanup?.();
  });

  const newPage = async (viewport = DESKTOP): Promise<Page> => {
    const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'zh-CN', ...(viewport === PHONE ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    return page;
  };
  const shot = async (page: Page, name: string, fullPage = false) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, `${name}.png`), fullPage });
  };
  /** No sideways scrolling: the page is no wider than the viewport. */
  const fitsWidth = (page: Page) => page.evaluate(() => {
    const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
    return g.document.documentElement.scrollWidth <= g.innerWidth + 1;
  });

  it('an anonymous visitor browses region → unit → report: the downloads with their SHA-256', async () => {
    const page = await newPage();
    await page.goto(`${base}/gongkai`);
    await shot(page, 'portal-home-desktop');
    await page.locator('ul.tree a', { hasText: units[1]!.name }).first().click();
    await page.waitForURL(/\/gongkai\/units\/qj-unit-1$/u);
    await expect.poll(() => page.locator('h2', { hasText: '历年主要数据' }).count()).toBe(1);
    await shot(page, 'portal-unit-desktop');
    await page.locator('a', { hasText: `${YEAR}年度（第1版）` }).first().click();
    await page.waitForURL(new RegExp(`/gongkai/reports/${units[1]!.bundleId}$`, 'u'));
    const files = await page.locator('table a[href*="/files/"]').allTextContents();
    expect(files.map((f) => f.split('.').pop()).sort()).toEqual(['docx', 'html', 'json', 'pdf', 'xlsx']);
    expect(await page.locator('code.sha').count()).toBe(5);
    await shot(page, 'portal-report-desktop');
  });

  it('compares three units side by side', async () => {
    const page = await newPage();
    const three = units.slice(1, 4);
    await page.goto(`${base}/gongkai/compare?units=${three.map((u) => u.code).join(',')}&year=${YEAR}`);
    const heads = await page.locator('table thead th a').allTextContents();
    expect(heads).toEqual(three.map((u) => u.name));
    await shot(page, 'portal-compare-desktop');
    // The region's table of one measure links to the same comparison.
    await page.goto(`${base}/gongkai/regions/510699/measure?m=operating_cost&year=${YEAR}`);
    expect(await page.locator('table.cards tbody tr').count()).toBe(4);
    await shot(page, 'portal-measure-desktop');
  });

  it('downloads the region’s CSV; its sums equal each published report’s own JSON figures', async () => {
    const page = await newPage();
    await page.goto(`${base}/gongkai/reports/${units[0]!.bundleId}`);
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), `/api/public/regions/510699/${YEAR}.csv`);
    const [head, ...rows] = parseCsv(csv.replace(/^\uFEFF/u, ''));
    const col = (name: string) => head!.indexOf(name);
    const csvValue = (unitCode: string, concept: string) => rows.filter(
      (r) => r[col('unitCode')] === unitCode && r[col('concept')] === concept && r[col('factYear')] === String(YEAR) && r[col('scenario')] === 'actual' && r[col('dimensions')] === '',
    ).map((r) => r[col('value')]!);
    // Each report's JSON file, as its report page links it.
    const reports: ReportJson[] = [];
    for (const u of units) {
      await page.goto(`${base}/gongkai/reports/${u.bundleId}`);
      const href = await page.locator('table a[href$=".json"]').first().getAttribute('href');
      reports.push((await page.evaluate(async (url) => (await fetch(url)).json(), href!)) as ReportJson);
    }
    for (const concept of ['income.total', 'expense.total', 'expense.basic', 'sangong.total', 'operating_cost']) {
      const fromReports = reports.flatMap((r) => r.facts.filter((f) => f.concept === concept && f.year === YEAR && f.scenario === 'actual' && Object.keys(f.dimensions).length === 0).map((f) => f.value));
      const fromCsv = units.flatMap((u) => csvValue(u.code, concept));
      // Every unit states its totals; not every unit states each part (one has no 机关运行经费 line).
      expect([concept, fromCsv.length]).toEqual([concept, fromReports.length]);
      expect(fromCsv.length).toBeGreaterThanOrEqual(concept.endsWith('.total') ? units.length : 1);
      expect([concept, sumWan(fromCsv)]).toEqual([concept, sumWan(fromReports)]);
    }
  });

  it('reads well on a phone: portal pages without sideways scrolling', async () => {
    const page = await newPage(PHONE);
    for (const [name, url] of [
      ['home', '/gongkai'], ['unit', `/gongkai/units/${units[1]!.code}`], ['report', `/gongkai/reports/${units[1]!.bundleId}`],
      ['compare', `/gongkai/compare?units=${units.slice(1, 4).map((u) => u.code).join(',')}&year=${YEAR}`],
      ['measure', `/gongkai/regions/510699/measure?m=operating_cost&year=${YEAR}`],
    ] as const) {
      await page.goto(`${base}${url}`);
      expect([name, await fitsWidth(page)]).toEqual([name, true]);
      await shot(page, `portal-${name}-phone`);
    }
  });

  const login = async (username: string, viewport = DESKTOP): Promise<Page> => {
    const page = await newPage(viewport);
    await page.goto(`${base}/#/datasets`);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await expect.poll(() => page.getByTestId('user-name').textContent(), { timeout: 15_000 }).toBeTruthy();
    return page;
  };

  it('a 财政审核人 uploads the two seed texts and sees SEED_FINDINGS.md’s contradictions, filters them and exports them', async () => {
    const page = await login('qingjiang-cz');
    await page.goto(`${base}/#/reviews`);
    await page.locator('input[type=file]').setInputFiles([join(SEEDS, 'zhaohua-zfw-2022.txt'), join(SEEDS, 'miyi-zfw-2021.txt')]);
    await page.getByTestId('review-upload').click();
    await page.waitForURL(/#\/reviews\/\d+$/u);
    await expect.poll(async () => (await page.getByTestId('review-file-status').allTextContents()).join(','), { timeout: 60_000 }).toBe('已完成,已完成');
    await shot(page, 'review-batch-desktop');
    const expected = seedFindings();
    for (const file of ['zhaohua-zfw-2022.txt', 'miyi-zfw-2021.txt']) {
      await page.getByTestId('review-file-link').filter({ hasText: file }).click();
      await page.getByTestId('review-file-title').filter({ hasText: file }).waitFor();
      await page.getByTestId('review-finding').first().waitFor();
      const shown = await page.getByTestId('review-finding').evaluateAll((els) => els.map((e) => ({ rule: e.getAttribute('data-rule')!, text: e.textContent ?? '' })));
      // The browser shows exactly the audit's findings for the file (rule ids, in order).
      const audited = await auditReport(readFileSync(join(SEEDS, file)), file);
      expect(shown.map((s) => s.rule)).toEqual(audited.findings.map((f) => f.rule));
      // Every contradiction of SEED_FINDINGS.md is listed with its quote; a row whose rule id the audit itself no longer
      // gives (SEED_FINDINGS.md and the rule pack are kept by test/audit/seeds.test.ts, not here) is named in the log.
      const auditedRules = new Set(audited.findings.map((f) => f.rule));
      const rows = expected.get(file)!;
      const notAudited = rows.filter((r) => !auditedRules.has(r.rule));
      if (notAudited.length) console.log(`${file}: SEED_FINDINGS.md rows whose rule the audit does not give now: ${notAudited.map((r) => r.rule).join(', ')}`);
      expect(notAudited.length).toBeLessThanOrEqual(1);
      for (const want of rows.filter((r) => auditedRules.has(r.rule))) {
        const ofRule = shown.filter((s) => s.rule === want.rule);
        expect([file, want.rule, ofRule.length > 0]).toEqual([file, want.rule, true]);
        if (want.quotes.length) {
          // Some 8 characters of one of the row's quoted passages are in a finding of that rule (its quote with its sentence).
          const flat = (t: string) => t.replace(/\s+/gu, '');
          const chunks = want.quotes.map(flat).flatMap((q) => Array.from({ length: Math.max(1, q.length - 7) }, (_, i) => q.slice(i, i + 8)));
          expect([file, want.rule, want.quotes, ofRule.some((x) => chunks.some((c) => flat(x.text).includes(c)))]).toEqual([file, want.rule, want.quotes, true]);
        }
      }
      if (file === 'zhaohua-zfw-2022.txt') {
        await shot(page, 'review-file-desktop');
        // Severity filter: only 确定.
        await page.getByTestId('review-severity').locator('.ant-segmented-item', { hasText: '确定' }).click();
        const severities = await page.getByTestId('review-finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')));
        expect(severities.length).toBeGreaterThan(0);
        expect(new Set(severities)).toEqual(new Set(['error']));
        // Rule filter: only TX-year.
        await page.getByTestId('review-rule').click();
        await page.keyboard.type('TX-year');
        await page.locator('.ant-select-item-option', { hasText: 'TX-year' }).first().click();
        const rules = await page.getByTestId('review-finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
        expect(new Set(rules)).toEqual(new Set(['TX-year']));
        // A quote clicked: its place in the document's text is marked.
        await page.getByTestId('review-quote').first().click();
        await expect.poll(() => page.locator('.review-mark-active').count()).toBeGreaterThan(0);
        expect(await page.locator('.review-mark-active').first().textContent()).toBe('2021年');
        await shot(page, 'review-filtered-desktop');
        await page.getByTestId('review-severity').locator('.ant-segmented-item', { hasText: '全部' }).click();
      }
    }
    const download = page.waitForEvent('download');
    await page.getByTestId('review-xlsx').click();
    const d = await download;
    expect(d.suggestedFilename()).toMatch(/^外部报告审核结果（批次 \d+）\.xlsx$/u);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await d.path())!) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('问题')!.rowCount).toBeGreaterThan(20);
    // On a phone the findings and the text stack.
    const phone = await login('qingjiang-cz', PHONE);
    await phone.goto(page.url());
    await phone.getByTestId('review-finding').first().waitFor();
    expect(await fitsWidth(phone)).toBe(true);
    await shot(phone, 'review-file-phone');
  });

  it('the 汇总 screen: the county’s units by state and totals equal to the open data’s, exact; exports', async () => {
    const page = await login('qingjiang-cz');
    await page.goto(`${base}/#/summary`);
    await page.getByTestId('summary-state-published').filter({ hasText: String(units.length) }).waitFor();
    expect(await page.getByTestId('summary-title').textContent()).toBe(`清江县 ${YEAR}年度部门决算汇总`);
    const s = (await page.evaluate(async (url) => (await fetch(url)).json(), `/api/summary?year=${YEAR}`)) as Summary;
    const csv = await page.evaluate(async (url) => (await fetch(url)).text(), `/api/public/regions/510699/${YEAR}.csv`);
    const [head, ...rows] = parseCsv(csv.replace(/^\uFEFF/u, ''));
    const col = (name: string) => head!.indexOf(name);
    for (const concept of ['expense.total', 'income.total']) {
      const open = sumWan(rows.filter((r) => r[col('concept')] === concept && r[col('factYear')] === String(YEAR) && r[col('scenario')] === 'actual' && r[col('dimensions')] === '').map((r) => r[col('value')]!));
      const line = s.totals.find((l) => l.code === concept)!;
      expect([concept, sumWan([line.value])]).toEqual([concept, open]);
      // The screen shows the same exact figure, in 元 to the 分.
      await expect.poll(() => page.getByTestId('summary-totals').locator('tr', { hasText: line.name }).first().textContent()).toContain(wanToYuan(line.value));
    }
    await shot(page, 'summary-desktop');
    await page.locator('.ant-tabs-tab', { hasText: '功能分类' }).click();
    await page.getByTestId('summary-functional').locator('tbody tr.ant-table-row').first().waitFor();
    const classes = s.functional.filter((l) => l.level === '类');
    expect(await page.getByTestId('summary-functional').locator('tbody tr.ant-table-row-level-0').count()).toBe(classes.length);
    await shot(page, 'summary-functional-desktop');
    const download = page.waitForEvent('download');
    await page.getByTestId('summary-csv').click();
    expect((await download).suggestedFilename()).toBe(`清江县${YEAR}年度部门决算汇总.csv`);
    const phone = await login('qingjiang-cz', PHONE);
    await phone.goto(`${base}/#/summary`);
    await phone.getByTestId('summary-state-published').filter({ hasText: String(units.length) }).waitFor();
    await shot(phone, 'summary-phone');
  });
});
