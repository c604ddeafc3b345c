/**
 * The browser app end to end, on both store engines: the built app (dist/web)
 * served by createServer in this process, driven in Debian's chromium.
 *
 * 填报人 imports the 昭化 workbook (our own xlsx export of the example), sees a
 * live finding appear beside a figure and go when it is put back, fixes the
 * example's error, submits with explanations; 单位审核人 comments on a field
 * and returns it; 填报人 sees the comment beside the field, edits, resubmits;
 * 单位审核人 and 财政审核人 approve; 财政审核人 publishes (a job, its progress
 * polled); the PDF of the bundle is downloaded and audits clean (no 确定 finding). Screenshots go to
 * a temp folder (printed), or JUESUAN_E2E_SHOTS.
 */
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import type { FastifyInstance } from 'fastify';
import { createServer } from '../../src/server/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { seedIfEmpty } from '../../src/app/seed.js';
import { startWorker, type Worker } from '../../src/worker/index.js';
import { auditReport } from '../../src/app/audit.js';
import { renderDataset } from '../../src/app/render.js';
import { findProfile } from '../../src/profiles/index.js';
import { loadExample } from '../examples.js';
import { dropSchema } from '../store/engines.js';

const PG_URL = process.env.JUESUAN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = `e2e-${randomBytes(6).toString('hex')}`;
const ROOT = join(import.meta.dirname, '..', '..');
const WEB_DIR = join(ROOT, 'dist', 'web');
const SHOTS = process.env.JUESUAN_E2E_SHOTS ?? mkdtempSync(join(tmpdir(), 'juesuan-e2e-'));

let browser: Browser;
let workbook: Buffer;

beforeAll(async () => {
  // The app as the server serves it: built from web/ now, so the test sees this tree's code.
  await build({ configFile: join(ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
  const d = loadExample('zhaohua-zfw-2022');
  const r = await renderDataset(d, findProfile(d.profile ?? 'sichuan')!, ['xlsx'], { draft: true });
  workbook = Buffer.from(r.files[0]!.data);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  console.log(`e2e screenshots: ${SHOTS}`);
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
      const schema = `e2e_${randomBytes(6).toString('hex')}`;
      const store = await openStore({ databaseUrl: PG_URL, schema });
      return {
        store,
        cleanup: async () => {
          await store.close();
          await dropSchema(schema);
        },
      };
    },
  },
];

describe.each(ENGINES)('the browser app on $name', (engine) => {
  let app: FastifyInstance;
  let base: string;
  let cleanup: () => Promise<void>;
  let shots: string;
  let worker: Worker;
  let n = 0;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const opened = await engine.open();
    cleanup = opened.cleanup;
    const accounts = await seedIfEmpty(opened.store, { password: () => PASSWORD });
    expect(accounts?.map((a) => a.username)).toEqual(expect.arrayContaining(['zhaohua-tb', 'zhaohua-sh', 'zhaohua-cz']));
    // The render and publish jobs, run as `juesuan serve` runs them: a worker beside the server.
    worker = startWorker(opened.store, { pollMs: 200, log: (line) => console.error(line) });
    app = await createServer({ store: opened.store, webDir: WEB_DIR });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no port');
    base = `http://127.0.0.1:${addr.port}`;
    shots = join(SHOTS, engine.name);
    mkdirSync(shots, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await app?.close();
    await worker?.stop();
    await cleanup?.();
  });

  const shot = async (page: Page, name: string) => {
    n++;
    await page.waitForTimeout(400); // dialogs and drawers finish their animation
    await page.screenshot({ path: join(shots, `${String(n).padStart(2, '0')}-${name}.png`), fullPage: false });
  };

  /** A fresh browser (own cookies) logged in as `username`. */
  const login = async (username: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`[${username}] page error: ${e.message}`));
    // Refused API calls, for the log of a failed run (some are expected: the conflict test's 409s).
    page.on('response', (r) => {
      if (r.url().includes('/api/') && r.status() >= 400 && !(r.status() === 401 && r.url().endsWith('/api/me'))) console.error(`[${username}] ${r.request().method()} ${new URL(r.url()).pathname} → ${r.status()}`);
    });
    await page.goto(`${base}/#/datasets`);
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(PASSWORD);
    await page.locator('button[type=submit]').click();
    await expect.poll(() => page.getByTestId('user-name').textContent(), { timeout: 15_000 }).toBeTruthy();
    return page;
  };

  const openDataset = async (page: Page, unit = '昭化区委政法委员会') => {
    await page.goto(`${base}/#/datasets`);
    await page.locator('a', { hasText: unit }).first().click();
    await page.getByTestId('live-summary').filter({ hasText: '本地审核' }).waitFor();
  };

  const status = (page: Page) => page.getByTestId('status-tag').first().textContent();
  const saved = (page: Page) => page.getByTestId('save-state').filter({ hasText: '已保存' }).waitFor({ timeout: 20_000 });
  const field = (page: Page, path: string) => page.locator(`[id="field:${path}"]`);

  /** Runs a workflow action through its dialog. */
  const act = async (page: Page, action: string, fill?: (dialog: ReturnType<Page['locator']>) => Promise<void>) => {
    await page.getByTestId(`action-${action}`).click();
    const dialog = page.locator('.ant-modal').filter({ has: page.locator('.ant-modal-footer') }).last();
    await dialog.waitFor();
    if (fill) await fill(dialog);
    const ok = dialog.locator('.ant-modal-footer button.ant-btn-primary');
    await ok.click();
    if (action === 'publish') return; // its dialog stays open with the job's progress
    // The dialog closes once the server has answered; a refusal stays in it as an error. A click
    // the browser dropped under load (the dialog still open, not waiting, no error) is made again.
    let clicks = 1;
    await expect.poll(async () => {
      if ((await dialog.count()) === 0 || !(await dialog.isVisible())) return 'closed';
      const errors = await dialog.locator('.ant-alert-error').allTextContents();
      if (errors.length) return `refused: ${errors.join(' ')}`;
      const waiting = (await ok.getAttribute('class'))?.includes('ant-btn-loading') ?? false;
      if (!waiting && clicks < 3) {
        clicks++;
        console.error(`[${action}] the dialog is still open and not waiting: clicking 确认 again`);
        await ok.click({ timeout: 2000 }).catch(() => {});
      }
      return waiting ? 'waiting for the server' : 'open';
    }, { timeout: 30_000, interval: 1000 }).toBe('closed');
  };

  it('imports, checks live, submits, returns, resubmits, approves, publishes, downloads the PDF, and publishes a correction', async () => {
    try {
      await workflow();
    } catch (e) {
      // What each browser showed when it failed.
      for (const [i, c] of contexts.entries()) for (const p of c.pages()) await p.screenshot({ path: join(shots, `failed-${i}.png`) }).catch(() => {});
      throw e;
    }
  }, 600_000);

  it('never overwrites silently: a stale save opens the conflict dialog, both choices work, versions compare', async () => {
    const unit = '清江县疾病预防控制中心';
    const a = await login('qingjiang-tb');
    const b = await login('qingjiang-tb');
    await openDataset(a, unit);
    await openDataset(b, unit);
    const savedAs = (page: Page, v: number) => page.getByTestId('save-state').filter({ hasText: `已保存（第${v}版）` }).waitFor({ timeout: 20_000 });
    await savedAs(b, 1);

    // A saves version 2; B, still on version 1, edits another figure: the server answers 409.
    await a.getByTestId('section-tab-operating').click();
    await a.locator('input[data-path="operatingCost"]').fill('390.00');
    await savedAs(a, 2);
    await b.getByTestId('section-tab-procurement').click();
    await b.locator('input[data-path="procurement.goods"]').fill('5.00');
    const dialog = b.locator('.ant-modal').filter({ hasText: '保存冲突' });
    await dialog.waitFor({ timeout: 20_000 });
    // Both versions, as a list of differences.
    await expect.poll(() => dialog.locator('tr', { hasText: 'operatingCost' }).textContent()).toContain('390.00');
    expect(await dialog.locator('tr', { hasText: 'procurement.goods' }).textContent()).toContain('5.00');
    await shot(b, 'conflict');
    await dialog.getByRole('button', { name: /用我的内容保存/ }).click();
    await savedAs(b, 3);

    // Again, and this time B keeps theirs: B's edit is dropped, A's figure shows.
    await a.reload();
    await a.getByTestId('section-tab-operating').click();
    await a.locator('input[data-path="operatingCost"]').fill('395.00');
    await savedAs(a, 4);
    await b.getByTestId('section-tab-procurement').click();
    await b.locator('input[data-path="procurement.goods"]').fill('6.00');
    await dialog.waitFor({ timeout: 20_000 });
    await dialog.getByRole('button', { name: /放弃我的修改/ }).click();
    await savedAs(b, 4);
    expect(await b.locator('input[data-path="procurement.goods"]').inputValue()).toBe('5.00');
    await b.getByTestId('section-tab-operating').click();
    expect(await b.locator('input[data-path="operatingCost"]').inputValue()).toBe('395.00');

    // The history: four versions; 2 → 3 is B's save on top (A's 390.00 back to 382.13, goods 5.00).
    await b.getByRole('tab', { name: '版本历史' }).click();
    const rows = b.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(4);
    await rows.filter({ hasText: '第2版' }).locator('input[type=checkbox]').check();
    await rows.filter({ hasText: '第3版' }).locator('input[type=checkbox]').check();
    await b.getByTestId('compare-versions').click();
    const diff = b.locator('.ant-modal').filter({ hasText: '第2版 → 第3版' });
    await expect.poll(() => diff.locator('tr', { hasText: 'operatingCost' }).textContent()).toContain('390.00');
    expect(await diff.locator('tr', { hasText: 'procurement.goods' }).textContent()).toContain('5.00');
    await shot(b, 'version-diff');
  }, 300_000);

  async function workflow(): Promise<void> {
    // 填报人: import the workbook.
    const filler = await login('zhaohua-tb');
    await shot(filler, 'list');
    await filler.goto(`${base}/#/import`);
    // Bytes that are not a workbook: the importer's Chinese refusal shows in the page.
    await filler.locator('input[type=file]').setInputFiles({ name: '不是工作簿.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('这不是 Excel 文件') });
    await filler.getByTestId('import-upload').click();
    await expect.poll(() => filler.getByTestId('import-error').textContent(), { timeout: 15_000 }).toContain('不是有效的 Excel 工作簿');
    await shot(filler, 'import-refused');
    await filler.locator('input[type=file]').setInputFiles({ name: '昭化区委政法委2022.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: workbook });
    await filler.getByTestId('import-upload').click();
    await filler.getByTestId('import-read').waitFor({ timeout: 30_000 });
    expect(await filler.getByTestId('import-read').locator('.ant-list-item').count()).toBeGreaterThan(0);
    await shot(filler, 'import-preview');
    await filler.getByTestId('import-accept').click();
    await filler.waitForURL(/#\/datasets\/\d+$/, { timeout: 20_000 });
    await filler.getByTestId('live-summary').filter({ hasText: '本地审核' }).waitFor();
    await saved(filler);
    await shot(filler, 'editor-after-import');

    // A figure changed: the rule pack in the browser puts a finding beside it; put back, it goes.
    await filler.getByTestId('section-tab-income').click();
    const gb = filler.locator('input[data-path="income.generalBudget"]');
    const original = await gb.inputValue();
    expect(original).toMatch(/^\d/);
    await gb.fill(String(Number(original) + 100));
    await expect.poll(() => field(filler, 'income.generalBudget').locator('.f-error').count(), { timeout: 5_000 }).toBeGreaterThan(0);
    expect(await field(filler, 'income.generalBudget').locator('.f-error').first().textContent()).toContain('不');
    await shot(filler, 'live-finding');
    // Letters are refused with a message, and the figure keeps its last good value.
    await gb.fill('12abc');
    await expect.poll(() => field(filler, 'income.generalBudget').textContent()).toContain('金额只能填写数字');
    await gb.fill(original);
    await gb.blur();
    await expect.poll(() => field(filler, 'income.generalBudget').locator('.f-error').count(), { timeout: 5_000 }).toBe(0);

    // The example's one error: the 上年决算数 of 机关运行经费 is missing. Jump to it from the findings list and add it.
    await filler.getByTestId('findings-button').click();
    const drawer = filler.locator('.ant-drawer-body').filter({ has: filler.getByTestId('finding-item') });
    await drawer.waitFor();
    // (The list may re-render under the click while the last save's check lands: click until the drawer closes.)
    await expect.poll(async () => {
      if (await drawer.isVisible()) await filler.getByTestId('finding-item').filter({ hasText: '上年决算数' }).first().click({ timeout: 2_000 }).catch(() => {});
      return drawer.isVisible();
    }, { timeout: 15_000 }).toBe(false);
    await expect.poll(() => filler.getByRole('tab', { selected: true }).filter({ hasText: '变动原因' }).count()).toBe(1);
    await filler.getByTestId('add-key-prior').click();
    await filler.keyboard.type('operating_cost');
    await filler.keyboard.press('Enter');
    await filler.locator('input[data-path="prior.operating_cost"]').fill('35.20');
    // A large change needs its stated reason (the rule pack says so beside the list, live).
    await expect.poll(() => field(filler, 'reasons.vsPrior').locator('.f-error').count(), { timeout: 5_000 }).toBeGreaterThan(0);
    await filler.getByTestId('add-key-reasons.vsPrior').click();
    await filler.keyboard.type('operating_cost');
    await filler.keyboard.press('Enter');
    await field(filler, 'reasons.vsPrior.operating_cost').locator('textarea').fill('上年机关运行经费口径不含物业管理费，本年按新口径统计');
    await expect.poll(() => filler.getByTestId('live-summary').textContent(), { timeout: 5_000 }).toContain('错误 0 个');
    await saved(filler);
    await shot(filler, 'fixed');

    // Submit: each warning needs its explanation.
    await act(filler, 'submit', async (dialog) => {
      const boxes = dialog.getByTestId('explanation');
      const count = await boxes.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) await boxes.nth(i).fill('已核实，数据以会计账簿为准。');
      await shot(filler, 'submit-dialog');
    });
    await expect.poll(() => status(filler), { timeout: 15_000 }).toBe('已提交');

    // 单位审核人: a comment on a field, then return with a comment.
    const unit = await login('zhaohua-sh');
    await openDataset(unit);
    expect(await status(unit)).toBe('已提交');
    await unit.getByTestId('section-tab-income').click();
    await field(unit, 'income.generalBudget').getByTestId('comment-field').click();
    await unit.getByLabel('批注内容').fill('请与财政拨款批复核对一般公共预算财政拨款收入。');
    await unit.locator('.ant-modal-footer button.ant-btn-primary').click();
    await expect.poll(() => field(unit, 'income.generalBudget').locator('.f-comment').count()).toBe(1);
    await shot(unit, 'reviewer-comment');
    await act(unit, 'unit_return', async (dialog) => {
      await dialog.getByLabel('意见').fill('一般公共预算财政拨款收入请再核对。');
    });
    await expect.poll(() => status(unit), { timeout: 15_000 }).toBe('退回');

    // 填报人: the comment beside the field; an edit; resubmit.
    await openDataset(filler);
    expect(await status(filler)).toBe('退回');
    await filler.getByTestId('section-tab-income').click();
    await expect.poll(() => field(filler, 'income.generalBudget').locator('.f-comment').textContent()).toContain('请与财政拨款批复核对');
    await shot(filler, 'comment-beside-field');
    await filler.getByTestId('section-tab-sangong').click();
    await filler.getByLabel('因公出国（境）费说明').fill('本年度未安排因公出国（境）。');
    await saved(filler);
    await act(filler, 'submit', async (dialog) => {
      const boxes = dialog.getByTestId('explanation');
      for (let i = 0; i < (await boxes.count()); i++) if ((await boxes.nth(i).inputValue()) === '') await boxes.nth(i).fill('已核实，数据以会计账簿为准。');
    });
    await expect.poll(() => status(filler), { timeout: 15_000 }).toBe('已提交');

    // 单位审核人 approves; 财政审核人 approves and publishes.
    await openDataset(unit);
    await act(unit, 'unit_approve');
    await expect.poll(() => status(unit), { timeout: 15_000 }).toBe('单位审核通过');
    const finance = await login('zhaohua-cz');
    await openDataset(finance);
    await act(finance, 'finance_approve');
    await expect.poll(() => status(finance), { timeout: 15_000 }).toBe('财政审核通过');
    await act(finance, 'publish');
    const progress = finance.getByTestId('job-progress');
    await progress.waitFor({ timeout: 15_000 });
    await shot(finance, 'publish-progress');
    await expect.poll(async () => { const s = await progress.getAttribute('data-status'); return s === 'failed' ? `failed: ${await progress.textContent()}` : s; }, { timeout: 120_000, interval: 1000 }).toBe('done');
    await finance.locator('.ant-modal-footer button.ant-btn-primary').click();

    // The bundle: its PDF downloads and is a PDF.
    await finance.goto(`${base}/#/bundles`);
    const pdfLink = finance.locator('a', { hasText: /\.pdf$/ }).first();
    await pdfLink.waitFor();
    await shot(finance, 'bundles');
    const [download] = await Promise.all([finance.waitForEvent('download'), pdfLink.click()]);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Read back as a published report by `juesuan audit`: no certain (确定) contradiction in what we published.
    const audit = await auditReport(readFileSync(file), 'bundle.pdf');
    expect(audit.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.message}`)).toEqual([]);
    expect(audit.facts.length).toBeGreaterThan(100);
    // The report as PDF from the preview tab: a render job, its progress, a download link.
    await openDataset(finance);
    await finance.getByRole('tab', { name: '报告预览' }).click();
    await finance.getByTestId('render-pdf').click();
    const link = finance.getByTestId('download-link').first();
    await link.waitFor({ timeout: 120_000 });
    await shot(finance, 'render-pdf');
    const [rendered] = await Promise.all([finance.waitForEvent('download'), link.click()]);
    expect(readFileSync(await rendered.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await finance.getByRole('tab', { name: '流程记录' }).click();
    await expect.poll(() => finance.getByTestId('event-item').count()).toBeGreaterThanOrEqual(6);
    await shot(finance, 'events');
    // Published: the dataset says so (after the bundle exists, the workflow state moved with it).
    await expect.poll(() => status(finance), { timeout: 15_000 }).toBe('已公开');
    await finance.goto(`${base}/#/datasets`);
    await expect.poll(() => status(finance), { timeout: 15_000 }).toBe('已公开');

    // A correction: 发起更正 → 草稿; through the workflow again; the second publication needs a 更正说明
    // and the first edition stays listed, marked 已更正.
    await openDataset(finance);
    await act(finance, 'reopen');
    await expect.poll(() => status(finance), { timeout: 15_000 }).toBe('草稿');
    await openDataset(filler);
    await filler.getByTestId('section-tab-sangong').click();
    await filler.getByLabel('因公出国（境）费说明').fill('本年度未安排因公出国（境）团组。');
    await saved(filler);
    await act(filler, 'submit', async (dialog) => {
      const boxes = dialog.getByTestId('explanation');
      for (let i = 0; i < (await boxes.count()); i++) if ((await boxes.nth(i).inputValue()) === '') await boxes.nth(i).fill('已核实，数据以会计账簿为准。');
    });
    await expect.poll(() => status(filler), { timeout: 15_000 }).toBe('已提交');
    await openDataset(unit);
    await act(unit, 'unit_approve');
    await expect.poll(() => status(unit), { timeout: 15_000 }).toBe('单位审核通过');
    await openDataset(finance);
    await act(finance, 'finance_approve');
    await expect.poll(() => status(finance), { timeout: 15_000 }).toBe('财政审核通过');
    await act(finance, 'publish', async (dialog) => {
      // Without the 更正说明 the dialog refuses.
      await dialog.locator('.ant-modal-footer button.ant-btn-primary').click();
      await expect.poll(() => dialog.textContent()).toContain('更正公开必须填写更正说明');
      await dialog.getByLabel('更正说明').fill('更正因公出国（境）费说明的文字。');
    });
    const progress2 = finance.getByTestId('job-progress');
    await expect.poll(() => progress2.getAttribute('data-status'), { timeout: 120_000, interval: 1000 }).toBe('done');
    await finance.locator('.ant-modal-footer button.ant-btn-primary').click();
    await expect.poll(() => status(finance), { timeout: 15_000 }).toBe('已公开');
    await finance.goto(`${base}/#/bundles`);
    await expect.poll(() => finance.getByTestId('superseded').count()).toBe(1);
    expect(await finance.locator('body').textContent()).toContain('更正说明：更正因公出国（境）费说明的文字。');
    await shot(finance, 'bundles-corrected');
  }
});
