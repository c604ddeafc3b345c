// The public portal (/gongkai) on both engines: every page with published data,
// corrections (已更正), cross-year differences, soft outliers (异常), escaping,
// bad parameters as Chinese pages — and nothing that is not published, in any
// workflow state. On PGlite also a phone and a desktop screenshot.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle, DatasetJson, Status } from '../../src/api/contract.js';
import { parseDataset } from '../../src/model/index.js';
import { renderJson } from '../../src/render/json/index.js';
import { softOutliers } from '../../src/app/portal.js';
import { escapeHtml, h } from '../../src/server/portal/html.js';
import { startWorker } from '../../src/worker/index.js';
import { ENGINES, exampleJson, makeWorld, type World } from './helpers.js';

const SHOTS = '/tmp/juesuan-portal-shots';
const SCRIPT_NAME = '<script>alert("x")</script>卫生院';
const HIDDEN = '未公开测试单位';
const HIDDEN_FIGURE = '777.77';

const sha = (d: Uint8Array) => createHash('sha256').update(d).digest('hex');
const file = (name: string, mediaType: string, text: string) => {
  const data = new TextEncoder().encode(text);
  return { name, mediaType, bytes: data.byteLength, sha256: sha(data), data };
};

/** The qingjiang example as another unit or year, with its 机关运行经费 changed. */
function variant(year: number, operatingCost: string): DatasetJson {
  const raw = exampleJson('qingjiang-cdc-2024') as Record<string, unknown>;
  raw.year = year;
  raw.operatingCost = operatingCost;
  return raw as DatasetJson;
}
const openData = (raw: DatasetJson) => file(`${String(raw.year)}年度部门决算.json`, 'application/json', renderJson(parseDataset(JSON.stringify(raw), 'x.json'), []));

describe('portal helpers', () => {
  it('h escapes every interpolation, nested markup passes once', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    const name = '<b>"甲"</b>';
    expect(h`<td title="${name}">${[h`<i>${name}</i>`, 1n, null, false]}</td>`.value).toBe(
      '<td title="&lt;b&gt;&quot;甲&quot;&lt;/b&gt;"><i>&lt;b&gt;&quot;甲&quot;&lt;/b&gt;</i>1</td>',
    );
  });

  it('soft outliers: outside median ± 3 × MAD, exact with an even count, not judged under 5 or with MAD 0', () => {
    // Median 100.5, |deviations| 2.5 1.5 0.5 0.5 1.5 … → MAD 1.5; 3 × MAD = 4.5: 105 is 4.5 away (not outside), 106 is.
    expect(softOutliers([98n, 99n, 100n, 101n, 102n, 105n])).toEqual([false, false, false, false, false, false]);
    expect(softOutliers([98n, 99n, 100n, 101n, 102n, 106n])).toEqual([false, false, false, false, false, true]);
    expect(softOutliers([1n, 2n, 3n, 1000n])).toEqual([undefined, undefined, undefined, undefined]);
    expect(softOutliers([5n, 5n, 5n, 5n, 5n, 9n])).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(softOutliers([98n, null, 99n, 100n, 101n, 900n])).toEqual([false, undefined, false, false, false, true]);
  });
});

describe.each(ENGINES)('public portal on %s', (engine) => {
  let world: World;
  let adminId: number;
  let current2024: Bundle;
  let ed1: Bundle;
  let ed2: Bundle;
  const peers: { code: string; name: string; bundle: Bundle }[] = [];
  const get = (url: string) => world.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    world = await makeWorld(engine);
    const store = world.store;
    adminId = (await store.getUserByName('admin'))!.id;
    const cdc = (await store.listOrganisations()).find((o) => o.code === 'qingjiang-cdc')!;

    // 2024: the real publish job (PDF, DOCX, XLSX, HTML, JSON), after approval.
    await store.transition(world.datasetA, { from: ['draft'], to: 'finance_approved', action: 'finance_approve', userId: adminId });
    await store.enqueueJob({ kind: 'publish', payload: { datasetId: world.datasetA, version: 1, userId: adminId, correctionNote: null }, requestedBy: adminId });
    const w = startWorker(store, { autostart: false });
    await w.drain();
    await w.stop();
    current2024 = (await store.listBundles({ datasetId: world.datasetA }))[0]!;
    // Then reopened for a correction and changed: the draft must not show.
    await store.transition(world.datasetA, { from: ['published'], to: 'draft', action: 'reopen', userId: adminId });
    await store.saveVersion(world.datasetA, { baseVersion: 1, data: variant(2024, '555.55'), findings: [], userId: adminId });

    // 2023: published, then corrected (edition 2 with its 更正说明).
    const d23 = await store.createDataset({ orgId: cdc.id, year: 2023, data: variant(2023, '123.45'), findings: [], userId: adminId });
    ed1 = await store.addBundle({ datasetId: d23.id, datasetVersion: 1, userId: adminId, correctionNote: null, files: [openData(variant(2023, '123.45')), file('2023.html', 'text/html; charset=utf-8', '<html><body>2023 第一版</body></html>')] });
    ed2 = await store.addBundle({ datasetId: d23.id, datasetVersion: 1, userId: adminId, correctionNote: '更正机关运行经费为400.00万元', files: [openData(variant(2023, '400.00')), file('2023.html', 'text/html; charset=utf-8', '<html><body>2023 第二版</body></html>')] });
    ed1 = (await store.getBundle(ed1.id))!;

    // Six more units of the same county and kind, 2024; one spends far more per head.
    const costs = ['100.00', '102.00', '98.00', '101.00', '99.00', '900.00'];
    for (const [i, cost] of costs.entries()) {
      const name = i === 0 ? SCRIPT_NAME : i === 5 ? '高支出中心' : `同类单位${i}`;
      const org = await store.addOrganisation({ code: `peer-${i}`, name, kind: cdc.kind, parentId: null, regionId: cdc.regionId });
      const ds = await store.createDataset({ orgId: org.id, year: 2024, data: variant(2024, cost), findings: [], userId: adminId });
      const bundle = await store.addBundle({ datasetId: ds.id, datasetVersion: 1, userId: adminId, correctionNote: null, files: [openData(variant(2024, cost))] });
      peers.push({ code: org.code, name, bundle });
    }

    // A report whose JSON file is not JSON: listed, its figures not stated.
    const broken = await store.addOrganisation({ code: 'broken-json', name: '数据文件损坏的单位', kind: cdc.kind, parentId: null, regionId: cdc.regionId });
    const brokenDs = await store.createDataset({ orgId: broken.id, year: 2022, data: variant(2022, '1.00'), findings: [], userId: adminId });
    await store.addBundle({ datasetId: brokenDs.id, datasetVersion: 1, userId: adminId, correctionNote: null, files: [file('2022.json', 'application/json', '{not json')] });

    // A unit with a dataset in every state before 已公开: none may appear.
    const hidden = await store.addOrganisation({ code: 'hidden-unit', name: HIDDEN, kind: cdc.kind, parentId: null, regionId: cdc.regionId });
    const steps: [Status, Status[]][] = [
      ['draft', []], ['submitted', ['submitted']], ['unit_approved', ['submitted', 'unit_approved']], ['returned', ['submitted', 'returned']],
      ['finance_approved', ['submitted', 'unit_approved', 'finance_approved']],
    ];
    for (const [i, [state, path]] of steps.entries()) {
      const ds = await store.createDataset({ orgId: hidden.id, year: 2019 + i, data: variant(2019 + i, HIDDEN_FIGURE), findings: [], userId: adminId });
      let from: Status = 'draft';
      for (const to of path) {
        await store.transition(ds.id, { from: [from], to, action: to === 'returned' ? 'unit_return' : 'submit', userId: adminId });
        from = to;
      }
      expect((await store.getDataset(ds.id))!.status).toBe(state);
    }
  }, 180_000);
  afterAll(async () => world?.close());

  it('home: by region → unit → year, with links to each current report; nothing unpublished', async () => {
    const res = await get('/gongkai');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('<html lang="zh-CN">');
    expect(res.body).toContain('name="viewport"');
    expect(res.body).toContain('清江县');
    expect(res.body).toContain('清江县疾病预防控制中心');
    expect(res.body).toContain('<strong>清江县</strong> <a class="note" href="/gongkai/regions/510699/measure?m=sangong">各单位指标对比</a>');
    expect(res.body).toContain(`href="/gongkai/reports/${current2024.id}">2024年度</a>`);
    expect(res.body).toContain(`href="/gongkai/reports/${ed2.id}">2023年度</a>`);
    expect(res.body).not.toContain(`href="/gongkai/reports/${ed1.id}"`);
    // The seed's drafts (昭化区, 米易县) and the hidden unit are not published.
    expect(res.body).not.toContain('昭化区');
    expect(res.body).not.toContain('米易县');
    expect(res.body).not.toContain(HIDDEN);
  });

  it('search by name, region and year; bad parameters are Chinese 400/404 pages', async () => {
    const byName = await get(`/gongkai?q=${encodeURIComponent('疾病预防')}`);
    expect(byName.statusCode).toBe(200);
    expect(byName.body).toContain('查询结果（2 份）');
    const byYear = await get('/gongkai?region=510699&year=2023');
    expect(byYear.body).toContain('查询结果（1 份）');
    expect(byYear.body).toContain(`/gongkai/reports/${ed2.id}`);
    const province = await get('/gongkai?region=510000&year=2024');
    expect(province.body).toContain('查询结果（7 份）');
    const hidden = await get(`/gongkai?q=${encodeURIComponent(HIDDEN)}`);
    expect(hidden.body).toContain('查询结果（0 份）');
    expect(hidden.body.split(HIDDEN).length - 1).toBe(1); // only echoed in the search box
    const badYear = await get('/gongkai?year=20x4');
    expect(badYear.statusCode).toBe(400);
    expect(badYear.body).toContain('年度“20x4”不正确');
    const badRegion = await get('/gongkai?region=999999');
    expect(badRegion.statusCode).toBe(404);
    expect(badRegion.body).toContain('没有地区“999999”');
  });

  it('a report: its downloads with SHA-256, its edition, the document embedded', async () => {
    const res = await get(`/gongkai/reports/${current2024.id}`);
    expect(res.statusCode).toBe(200);
    expect(current2024.files.map((f) => f.name.split('.').pop()).sort()).toEqual(['docx', 'html', 'json', 'pdf', 'xlsx']);
    for (const f of current2024.files) {
      expect(res.body).toContain(f.sha256);
      const dl = await get(`/gongkai/reports/${current2024.id}/files/${encodeURIComponent(f.name)}`);
      expect([f.name, dl.statusCode]).toEqual([f.name, 200]);
      expect(sha(dl.rawPayload)).toBe(f.sha256);
    }
    expect(res.body).toContain('第1版');
    expect(res.body).toContain('现行版本');
    expect(res.body).toMatch(/<iframe class="report" sandbox=""/);
  });

  it('editions: the corrected one is marked 已更正 and still reachable; the current shows its 更正说明', async () => {
    const cur = await get(`/gongkai/reports/${ed2.id}`);
    expect(cur.statusCode).toBe(200);
    expect(cur.body).toContain('更正说明：</strong>更正机关运行经费为400.00万元');
    expect(cur.body).toContain(`<a href="/gongkai/reports/${ed1.id}">第1版</a>`);
    expect(cur.body).toMatch(/第1版<\/a><\/td><td>[^<]*<\/td><td><span class="tag old">已更正<\/span>/);
    const old = await get(`/gongkai/reports/${ed1.id}`);
    expect(old.statusCode).toBe(200);
    expect(old.body).toContain('本版（第1版）已被更正');
    expect(old.body).toContain(`<a href="/gongkai/reports/${ed2.id}">第2版</a>`);
    expect(old.body).not.toContain('<iframe');
    const oldFile = await get(`/gongkai/reports/${ed1.id}/files/2023.html`);
    expect(oldFile.statusCode).toBe(200);
    expect(oldFile.body).toContain('2023 第一版');
    expect(oldFile.headers['content-security-policy']).toContain('sandbox');
    expect((await get('/gongkai/reports/abc')).statusCode).toBe(400);
    const elsewhere = await get('/gongkai/no-such-page');
    expect([elsewhere.statusCode, elsewhere.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    expect(elsewhere.body).toContain('页面不存在');
    const missing = await get('/gongkai/reports/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('没有编号为 999999 的公开报告');
    expect((await get(`/gongkai/reports/${ed2.id}/files/none.pdf`)).statusCode).toBe(404);
  });

  it('a unit over the years: current figures, year-on-year changes, per head, charts and the cross-year differences', async () => {
    const res = await get('/gongkai/units/qingjiang-cdc');
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('<th class="n">2023年</th><th class="n">2024年</th>');
    // 机关运行经费: 2023 from edition 2 (400.00), 2024 published 382.13: −17.87 (−4.47%); never 123.45 (edition 1) or 555.55 (the new draft).
    expect(body).toContain('<th>机关运行经费</th><td class="n">400.00</td><td class="n">382.13<br><span class="note">−17.87（−4.47%）</span></td>');
    expect(body).not.toContain('123.45');
    expect(body).not.toContain('555.55');
    // Per head: 3 821 300 元 / 56 人 = 68 237.50 元.
    expect(body).toContain('<th>人均机关运行经费（元/人）</th><td class="n">71428.57</td><td class="n">68237.50</td>');
    for (const label of ['本年收入合计', '基本支出', '项目支出', '财政拨款支出', '因公出国（境）费', '公务接待费', '政府采购支出总额', '公务用车保有量', '开展绩效自评的项目']) {
      expect(body).toContain(label);
    }
    expect((body.match(/<svg /g) ?? []).length).toBe(3);
    // 绩效自评: the department as a whole and its projects, each year, with the exact 预算执行率.
    expect(body).toContain('<td data-label="类型">部门整体</td><td data-label="名称">清江县疾病预防控制中心</td><td class="n" data-label="预算执行率">100.00%</td><td class="n" data-label="自评得分">100</td>');
    expect((body.match(/data-label="自评得分"/g) ?? []).length).toBe(6);
    // 2024's 上年数 of 机关运行经费 (447.09) against 2023's published 400.00.
    expect(body).toMatch(/<td>2024年度<\/td><td>机关运行经费<\/td><td class="n">447.09<\/td><td class="n">400.00<\/td><td class="n">47.09<\/td>/);
    expect(body).toMatch(/<td>2024年度<\/td><td>“三公”经费<\/td><td class="n">18.97<\/td><td class="n">18.24<\/td><td class="n">0.73<\/td>/);
    const broken = await get('/gongkai/units/broken-json');
    expect(broken.statusCode).toBe(200);
    expect(broken.body).toContain('<th>机关运行经费</th><td class="n">—</td>');
    expect((await get('/gongkai/units/hidden-unit')).statusCode).toBe(404);
    expect((await get('/gongkai/units/zhaohua-zfw')).statusCode).toBe(404);
    const none = await get('/gongkai/units/nobody');
    expect(none.statusCode).toBe(404);
    expect(none.body).toContain('没有找到单位“nobody”已公开的决算');
  });

  it('compare 2–10 units of a year, per head where staffing is published', async () => {
    const res = await get(`/gongkai/compare?units=qingjiang-cdc,${peers[5]!.code}&year=2024`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('高支出中心');
    expect(res.body).toContain('<th>机关运行经费</th><td class="n">382.13</td><td class="n">900.00</td>');
    // 900 万元 / 56 = 160 714.29 元 (四舍五入到分).
    expect(res.body).toContain('<td class="n">68237.50</td><td class="n">160714.29</td>');
    expect((await get('/gongkai/compare?units=qingjiang-cdc')).statusCode).toBe(400);
    expect((await get(`/gongkai/compare?units=${Array.from({ length: 11 }, (_, i) => `u${i}`).join(',')}`)).statusCode).toBe(400);
    // A unit without a published report of the year: only the code asked, the same for an unknown one.
    const hidden = await get('/gongkai/compare?units=qingjiang-cdc,hidden-unit&year=2024');
    expect(hidden.statusCode).toBe(200);
    expect(hidden.body).toContain('hidden-unit<br><span class="note">无该年度公开决算</span>');
    expect(hidden.body).not.toContain(HIDDEN);
    expect(hidden.body).not.toContain(HIDDEN_FIGURE);
    const unknown = await get('/gongkai/compare?units=qingjiang-cdc,no-such-unit&year=2024');
    expect(unknown.body.replace(/no-such-unit/g, 'X')).toBe(hidden.body.replace(/hidden-unit/g, 'X'));
    const none = await get('/gongkai/compare?units=hidden-unit,no-such-unit&year=2021');
    expect(none.statusCode).toBe(404);
    expect(none.body).toContain('所选单位在2021年度均无已公开的决算');
    expect((await get('/gongkai/compare?units=qingjiang-cdc,peer-1&year=1e3')).statusCode).toBe(400);
  });

  it('one measure across a region: sortable, soft outliers labelled 异常 with the method stated', async () => {
    const res = await get('/gongkai/regions/510000/measure?m=operating_cost&year=2024&sort=value&order=desc');
    expect(res.statusCode).toBe(200);
    const rows = [...res.body.matchAll(/<tr><td data-label="单位"><a href="\/gongkai\/units\/([^"]+)">/g)].map((m) => m[1]);
    expect(rows).toEqual(['peer-5', 'qingjiang-cdc', 'peer-1', 'peer-3', 'peer-0', 'peer-4', 'peer-2']);
    const row = (code: string) => res.body.split(`/gongkai/units/${code}"`)[1]!.split('</tr>')[0]!;
    expect(row('peer-5')).toContain('<span class="tag odd">异常</span>');
    expect(row('qingjiang-cdc')).toContain('异常');
    expect(row('peer-1')).toContain('正常范围');
    expect(res.body).toContain(`href="/gongkai/compare?units=${encodeURIComponent(rows.join(','))}&amp;year=2024">并列比较以上前 7 个单位</a>`);
    expect(res.body).toContain('M ± 3 × MAD');
    expect(res.body).toContain('不表示数据有误');
    expect(res.body).not.toMatch(/错误|error/i);
    expect(res.body).not.toContain(HIDDEN);
    const asc = await get('/gongkai/regions/510000/measure?m=operating_cost&year=2024&sort=value&order=asc');
    expect([...asc.body.matchAll(/<tr><td data-label="单位"><a href="\/gongkai\/units\/([^"]+)">/g)].map((m) => m[1])).toEqual(['peer-2', 'peer-4', 'peer-0', 'peer-3', 'peer-1', 'qingjiang-cdc', 'peer-5']);
    expect(res.body).toContain('href="/gongkai/regions/510000/measure?m=operating_cost&amp;year=2024&amp;sort=value&amp;order=asc"');
    const bad = await get('/gongkai/regions/510000/measure?m=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('指标“nope”不正确');
    expect((await get('/gongkai/regions/000000/measure?m=income')).statusCode).toBe(404);
    expect((await get('/gongkai/regions/510811/measure?m=income')).statusCode).toBe(404);
    expect((await get('/gongkai/regions/510000/measure?m=income&sort=x')).statusCode).toBe(400);
  });

  it('a unit name with <script> is escaped on every page', async () => {
    const pages = ['/gongkai', `/gongkai?q=${encodeURIComponent('<script>')}`, `/gongkai/reports/${peers[0]!.bundle.id}`, '/gongkai/units/peer-0', '/gongkai/compare?units=peer-0,peer-1&year=2024', '/gongkai/regions/510699/measure?m=sangong'];
    for (const url of pages) {
      const res = await get(url);
      expect([url, res.statusCode]).toEqual([url, 200]);
      expect(res.body).not.toContain('<script');
      expect(res.body).toContain('&lt;script&gt;');
    }
  });

  it('nothing unpublished anywhere: the hidden unit’s states and the reopened draft', async () => {
    const urls = ['/gongkai', '/gongkai?year=2021', '/gongkai/units/qingjiang-cdc', '/gongkai/regions/510000/measure?m=operating_cost&year=2024', `/gongkai/reports/${current2024.id}`];
    for (const y of [2019, 2020, 2021, 2022, 2023]) urls.push(`/gongkai/regions/510699/measure?m=operating_cost&year=${y}`, `/gongkai/compare?units=qingjiang-cdc,peer-1&year=${y}`);
    for (const url of urls) {
      const res = await get(url);
      expect(res.body, url).not.toContain(HIDDEN);
      expect(res.body, url).not.toContain(HIDDEN_FIGURE);
      expect(res.body, url).not.toContain('555.55');
    }
  });

  it('readable on a phone (no sideways scroll) and a desktop: screenshots', async () => {
    mkdirSync(SHOTS, { recursive: true });
    await world.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(world.app.server.address() as AddressInfo).port}`;
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
    try {
      const shots: [string, string][] = [['home', '/gongkai'], ['unit', '/gongkai/units/qingjiang-cdc'], ['report', `/gongkai/reports/${current2024.id}`], ['region', '/gongkai/regions/510000/measure?m=operating_cost&year=2024'], ['search', `/gongkai?q=${encodeURIComponent('单位')}`], ['compare', '/gongkai/compare?units=qingjiang-cdc,peer-1,peer-5&year=2024']];
      for (const [viewport, size] of [['phone', { width: 375, height: 800 }], ['desktop', { width: 1280, height: 900 }]] as const) {
        const page = await browser.newPage({ viewport: size, javaScriptEnabled: false });
        for (const [name, url] of shots) {
          const res = await page.goto(base + url);
          expect(res?.status()).toBe(200);
          // The page itself never scrolls sideways (wide tables scroll in their own box).
          const width = await page.evaluate('document.documentElement.scrollWidth');
          expect([name, viewport, width]).toEqual([name, viewport, size.width]);
          await page.screenshot({ path: `${SHOTS}/${engine}-${name}-${viewport}.png`, fullPage: true });
        }
        await page.close();
      }
    } finally {
      await browser.close();
    }
  }, 120_000);
});
