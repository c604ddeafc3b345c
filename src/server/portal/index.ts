/**
 * The public portal (issue 14): server-rendered pages at /gongkai, no login,
 * no script. Only current published editions give figures; superseded ones
 * appear as 已更正 history. Bad parameters are a Chinese 400/404 page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Bundle } from '../../api/contract.js';
import {
  changeText, editionFigures, MEASURE_BY_KEY, MEASURES, outlierMethod, parseYear, perStaff, PER_STAFF_KEYS, portalIndex, portalIndexOfBundle, portalIndexOfCodes, PortalError,
  show, showPerStaff, softOutliers, unitHistory, unitsOfYear, type Measure, type PublishedReport,
} from '../../app/portal.js';
import { chartSvg } from '../../charts/svg.js';
import type { ChartSpec } from '../../report/tree.js';
import { formatWan, formatYuan } from '../../money/index.js';
import type { Store } from '../../store/types.js';
import { errorPage, h, page, query, raw, type Html } from './html.js';

export const PORTAL_PREFIX = '/gongkai';

type Query = Record<string, string | undefined>;

function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', status === 200 ? 'public, max-age=60' : 'no-store')
    .send(html);
}

function handle(fn: (request: FastifyRequest) => Promise<string>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      return sendPage(reply, 200, await fn(request));
    } catch (e) {
      if (e instanceof PortalError) return sendPage(reply, e.status, errorPage(e.status, e.message));
      request.log.error(e);
      return sendPage(reply, 500, errorPage(500, '服务暂时不可用，请稍后再试'));
    }
  };
}

const strParam = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
function single(q: Query, name: string): string | undefined {
  const v = (q as Record<string, unknown>)[name];
  if (Array.isArray(v)) throw new PortalError(400, `参数 ${name} 只能给一个`);
  return strParam(v);
}

const reportHref = (b: Bundle) => `${PORTAL_PREFIX}/reports/${b.id}`;
const unitHref = (code: string) => `${PORTAL_PREFIX}/units/${encodeURIComponent(code)}`;
const fileHref = (b: Bundle, name: string) => `${PORTAL_PREFIX}/reports/${b.id}/files/${encodeURIComponent(name)}`;

function chart(spec: ChartSpec, title: string, id: string): Html {
  return h`<figure><figcaption>${title}</figcaption>${raw(chartSvg(spec, { idPrefix: id }))}</figure>`;
}

// ---------------------------------------------------------------------------
// 1. Home: by region → 部门/单位 → year, and the search

async function homePage(store: Store, q: Query): Promise<string> {
  const index = await portalIndex(store);
  const name = (single(q, 'q') ?? '').trim();
  const regionCode = (single(q, 'region') ?? '').trim();
  const year = parseYear(single(q, 'year'));
  if (name.length > 50) throw new PortalError(400, '单位名称最多 50 个字');
  const searching = name !== '' || regionCode !== '' || year !== undefined;
  let regionIds: Set<number> | undefined;
  if (regionCode) {
    const r = index.regions.find((x) => x.code === regionCode);
    if (!r) throw new PortalError(404, `没有地区“${regionCode}”`);
    regionIds = new Set(await store.regionSubtree(r.id));
  }
  const years = [...new Set(index.reports.map((r) => r.year))].sort((a, b) => b - a);
  const regionsWithReports = index.regions.filter((r) => index.reports.some((x) => x.region.id === r.id) || index.regions.some((c) => c.parentId === r.id));
  const form = h`<section><form class="search" method="get" action="${PORTAL_PREFIX}">
<label>单位名称<input name="q" value="${name}" maxlength="50" placeholder="如：疾控中心"></label>
<label>地区<select name="region"><option value="">全部</option>${regionsWithReports.map((r) => h`<option value="${r.code}"${r.code === regionCode ? raw(' selected') : ''}>${r.name}</option>`)}</select></label>
<label>年度<select name="year"><option value="">全部</option>${years.map((y) => h`<option value="${y}"${y === year ? raw(' selected') : ''}>${y}</option>`)}</select></label>
<button type="submit">查询</button></form></section>`;

  let body: Html;
  if (searching) {
    const found = index.reports.filter(
      (r) => (!name || r.org.name.includes(name)) && (!regionIds || regionIds.has(r.region.id)) && (year === undefined || r.year === year),
    );
    body = h`<section><h2>查询结果（${found.length} 份）</h2>${
      found.length
        ? h`<div class="scroll"><table class="cards"><thead><tr><th>地区</th><th>单位</th><th>年度</th><th>版次</th><th>公开日期</th></tr></thead><tbody>${found.map(
            (r) => h`<tr><td data-label="地区">${r.region.name}</td><td data-label="单位"><a href="${unitHref(r.org.code)}">${r.org.name}</a></td><td data-label="年度"><a href="${reportHref(r.bundle)}">${r.year}年度决算</a></td><td data-label="版次">第${r.bundle.edition}版</td><td data-label="公开日期">${r.bundle.publishedAt.slice(0, 10)}</td></tr>`,
          )}</tbody></table></div>`
        : h`<p>没有符合条件的已公开决算。</p>`
    }<p><a href="${PORTAL_PREFIX}">清除条件</a></p></section>`;
  } else {
    body = h`<section><h2>按地区浏览</h2>${regionTree(index, null)}${index.reports.length ? '' : h`<p>尚无已公开的决算。</p>`}</section>`;
  }
  return page('部门决算公开', h`${form}${body}`);
}

function regionTree(index: Awaited<ReturnType<typeof portalIndex>>, parentId: number | null): Html | null {
  const children = index.regions.filter((r) => r.parentId === parentId);
  const items = children
    .map((r) => {
      const sub = regionTree(index, r.id);
      const here = index.reports.filter((x) => x.region.id === r.id);
      if (!sub && here.length === 0) return null;
      return h`<li><strong>${r.name}</strong> <a class="note" href="${PORTAL_PREFIX}/regions/${encodeURIComponent(r.code)}/measure?m=sangong">各单位指标对比</a>${here.length ? orgList(index, here) : ''}${sub}</li>`;
    })
    .filter((x): x is Html => x !== null);
  return items.length ? h`<ul class="tree">${items}</ul>` : null;
}

function orgList(index: Awaited<ReturnType<typeof portalIndex>>, reports: PublishedReport[]): Html {
  const byOrg = new Map<number, PublishedReport[]>();
  for (const r of reports) byOrg.set(r.org.id, [...(byOrg.get(r.org.id) ?? []), r]);
  const orgs = [...byOrg.keys()].map((id) => index.orgs.find((o) => o.id === id)!);
  const parentName = (id: number | null) => (id === null ? null : index.orgs.find((o) => o.id === id)?.name ?? null);
  orgs.sort((a, b) => (parentName(a.parentId) ?? a.name).localeCompare(parentName(b.parentId) ?? b.name, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
  return h`<ul>${orgs.map((o) => {
    const parent = parentName(o.parentId);
    const rs = byOrg.get(o.id)!.sort((a, b) => b.year - a.year);
    return h`<li>${parent ? h`${parent} / ` : ''}<a href="${unitHref(o.code)}">${o.name}</a><span class="tag">${o.kind}</span>：${rs.map(
      (r, i) => h`${i ? '、' : ''}<a href="${reportHref(r.bundle)}">${r.year}年度</a>`,
    )}</li>`;
  })}</ul>`;
}

// ---------------------------------------------------------------------------
// 2. A report: the document, its downloads, its editions

async function reportPage(store: Store, idRaw: string): Promise<string> {
  if (!/^[1-9]\d{0,9}$/.test(idRaw) || Number(idRaw) > 2_147_483_647) throw new PortalError(400, `报告编号“${idRaw}”不正确，应为正整数`);
  const index = await portalIndexOfBundle(store, Number(idRaw));
  const bundle = [...index.editionsOf.values()].flat().find((b) => b.id === Number(idRaw));
  const orgId = bundle ? index.orgOfDataset.get(bundle.datasetId) : undefined;
  const org = index.orgs.find((o) => o.id === orgId);
  if (!bundle || !org) throw new PortalError(404, `没有编号为 ${idRaw} 的公开报告`);
  const region = index.regions.find((r) => r.id === org.regionId);
  const editions = index.editionsOf.get(bundle.datasetId) ?? [];
  const current = editions.find((b) => b.supersededBy === null);
  const html = bundle.files.find((f) => f.name.toLowerCase().endsWith('.html'));
  const kinds: [string, string][] = [['.docx', 'Word（DOCX）'], ['.pdf', 'PDF'], ['.xlsx', 'Excel（XLSX）'], ['.json', '开放数据（JSON）'], ['.html', '网页（HTML）']];
  const kindOf = (name: string) => kinds.find(([ext]) => name.toLowerCase().endsWith(ext))?.[1] ?? '文件';
  const superseded = bundle.supersededBy !== null;
  const body = h`
${superseded ? h`<section><p><span class="tag old">已更正</span> 本版（第${bundle.edition}版）已被更正，仅供查阅历史。现行版本：${current ? h`<a href="${reportHref(current)}">第${current.edition}版</a>` : '—'}。</p></section>` : ''}
<section><p>${region?.name ?? ''} · <a href="${unitHref(org.code)}">${org.name}</a> · ${bundle.year}年度 · 第${bundle.edition}版${superseded ? h`<span class="tag old">已更正</span>` : h`<span class="tag cur">现行版本</span>`} · 公开于 ${bundle.publishedAt.slice(0, 10)}</p>
${bundle.correctionNote ? h`<p><strong>更正说明：</strong>${bundle.correctionNote}</p>` : ''}</section>
<section><h2>下载</h2><div class="scroll"><table><thead><tr><th>格式</th><th>文件</th><th class="n">大小</th><th>SHA-256</th></tr></thead><tbody>${bundle.files.map(
    (f) => h`<tr><td>${kindOf(f.name)}</td><td><a href="${fileHref(bundle, f.name)}">${f.name}</a></td><td class="n">${formatBytes(f.bytes)}</td><td><code class="sha">${f.sha256}</code></td></tr>`,
  )}</tbody></table></div><p class="note">下载后可用 sha256sum 等工具核对文件的 SHA-256 值。</p></section>
<section><h2>版次与更正</h2><div class="scroll"><table><thead><tr><th>版次</th><th>公开日期</th><th>状态</th><th>更正说明</th></tr></thead><tbody>${editions.map(
    (b) => h`<tr><td>${b.id === bundle.id ? h`第${b.edition}版（本页）` : h`<a href="${reportHref(b)}">第${b.edition}版</a>`}</td><td>${b.publishedAt.slice(0, 10)}</td><td>${b.supersededBy !== null ? h`<span class="tag old">已更正</span>` : h`<span class="tag cur">现行</span>`}</td><td>${b.correctionNote ?? '—'}</td></tr>`,
  )}</tbody></table></div></section>
${html && !superseded ? h`<section><h2>报告全文</h2><iframe class="report" sandbox="" src="${fileHref(bundle, html.name)}" title="${org.name}${bundle.year}年度部门决算"></iframe><p class="note"><a href="${fileHref(bundle, html.name)}">在新页面中打开报告全文</a></p></section>` : ''}`;
  return page(`${org.name}${bundle.year}年度部门决算`, body, [['首页', PORTAL_PREFIX], [org.name, unitHref(org.code)], [`${bundle.year}年度`, null]]);
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(Math.round((n / 1024) * 10) / 10).toFixed(1)} KB`;
  return `${(Math.round((n / 1024 / 1024) * 10) / 10).toFixed(1)} MB`;
}

async function sendFile(store: Store, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const { bundleId, name } = request.params as { bundleId: string; name: string };
  if (!/^[1-9]\d{0,9}$/.test(bundleId)) return sendPage(reply, 400, errorPage(400, `报告编号“${bundleId}”不正确，应为正整数`));
  const bundle = await store.getBundle(Number(bundleId));
  const f = bundle ? await store.getBundleFile(bundle.id, name) : null;
  if (!bundle || !f) return sendPage(reply, 404, errorPage(404, `没有文件“${name}”`));
  const inline = f.mediaType.startsWith('text/html');
  return reply
    .header('content-type', f.mediaType)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'public, max-age=3600')
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(f.name)}`)
    // The report's own HTML is shown in a sandbox: no script, no form, no same-origin access.
    .header('content-security-policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:")
    .header('x-sha256', f.sha256)
    .send(Buffer.from(f.data));
}

// ---------------------------------------------------------------------------
// 3. A unit over the years

async function unitPage(store: Store, code: string): Promise<string> {
  if (code.length > 100) throw new PortalError(400, '单位代码过长');
  const u = await unitHistory(store, code);
  const years = u.years;
  const staffM = MEASURE_BY_KEY.get('staff')!;
  const perStaffOf = (key: string, i: number) => perStaff(years[i]!.values.get(key) ?? null, years[i]!.values.get('staff') ?? null);
  const rows = MEASURES.map(
    (m) => h`<tr><th>${m.group === m.label ? m.label : h`${m.group}：${m.label}`}</th>${years.map((y, i) => {
      const v = y.values.get(m.key) ?? null;
      const prev = i > 0 && years[i - 1]!.report.year === y.report.year - 1 ? years[i - 1]!.values.get(m.key) ?? null : null;
      return h`<td class="n">${show(m, v)}${i > 0 ? h`<br><span class="note">${changeText(v, prev, m)}</span>` : ''}</td>`;
    })}</tr>`,
  );
  const perRows = PER_STAFF_KEYS.map((key) => {
    const m = MEASURE_BY_KEY.get(key)!;
    return h`<tr><th>人均${m.label}（元/人）</th>${years.map((_, i) => h`<td class="n">${showPerStaff(perStaffOf(key, i))}</td>`)}</tr>`;
  });
  const cats = years.map((y) => `${y.report.year}年`);
  const series = (key: string, name?: string) => ({ name: name ?? MEASURE_BY_KEY.get(key)!.label, values: years.map((y) => wanString(y.values.get(key) ?? null)) });
  const charts: Html[] = [
    chart({ type: 'bar', categories: cats, series: [series('income', '收入'), series('expense_basic'), series('expense_project')], unit: '万元' }, '收入与支出（万元）', 'u-ie'),
    chart(
      { type: 'bar', categories: cats, series: [series('sangong_abroad'), series('sangong_vehicle'), series('sangong_reception')], unit: '万元' },
      '“三公”经费构成（万元）',
      'u-sg',
    ),
    chart({ type: 'bar', categories: cats, series: [series('operating_cost'), series('procurement')], unit: '万元' }, '机关运行经费与政府采购（万元）', 'u-oc'),
  ];
  const body = h`
<section><p><a href="${PORTAL_PREFIX}/regions/${encodeURIComponent(u.region.code)}/measure?m=sangong">${u.region.name}</a> · ${u.org.name}（${u.org.kind}）。已公开：${years.map((y, i) => h`${i ? '、' : ''}<a href="${reportHref(y.report.bundle)}">${y.report.year}年度（第${y.report.bundle.edition}版）</a>`)}</p></section>
<section><h2>历年主要数据</h2><div class="scroll"><table class="wide"><thead><tr><th>项目（金额：万元）</th>${years.map((y) => h`<th class="n">${y.report.year}年</th>`)}</tr></thead>
<tbody>${rows}${perRows}</tbody></table></div><p class="note">各年数据取自该年度决算的现行公开版本；增减为与上一年度公开数相比（金额与百分比均按精确金额计算）。“—”表示该年度未公开此项。${staffM.label}为各类人员之和。</p></section>
<section><h2>图表</h2><div class="charts">${charts}</div></section>
<section><h2>绩效自评结果</h2>${
    u.evaluations.length
      ? h`<div class="scroll"><table class="cards"><thead><tr><th>年度</th><th>类型</th><th>名称</th><th class="n">预算执行率</th><th class="n">自评得分</th><th>结论</th></tr></thead><tbody>${u.evaluations.map(
          (e) => h`<tr><td data-label="年度">${e.year}</td><td data-label="类型">${e.kind}</td><td data-label="名称">${e.name}</td><td class="n" data-label="预算执行率">${e.executionRate}</td><td class="n" data-label="自评得分">${e.score}</td><td data-label="结论">${e.conclusion}</td></tr>`,
        )}</tbody></table></div>`
      : h`<p>已公开的决算中没有绩效自评表。</p>`
  }</section>
<section><h2>跨年度核对</h2>${
    u.differences.length
      ? h`<p>以下各项，后一年度决算所列“上年数”与上一年度已公开的决算数不一致（差额超过两者所列末位数的一半）。可能是上年数据有更正，请以说明为准。</p><div class="scroll"><table><thead><tr><th>年度报告</th><th>项目</th><th class="n">所列上年数</th><th class="n">上年度公开数</th><th class="n">差额</th></tr></thead><tbody>${u.differences.map(
          (d) => h`<tr><td>${d.year}年度</td><td>${d.label}</td><td class="n">${d.stated}</td><td class="n">${d.published}</td><td class="n">${d.difference}</td></tr>`,
        )}</tbody></table></div><p class="note">金额单位：${u.differences[0]!.unit || '万元'}（人数等以各自单位计）。</p>`
      : h`<p>${years.length > 1 ? '相邻年度的“上年数”与上一年度公开数一致。' : '仅有一个年度的公开决算，无可核对的上年数。'}</p>`
  }</section>`;
  return page(`${u.org.name}历年决算`, body, [['首页', PORTAL_PREFIX], [u.org.name, null]]);
}

const wanString = (v: bigint | null): string => (v === null ? '0' : formatWan(v));

// ---------------------------------------------------------------------------
// 4. Compare units; one measure across a region

async function comparePage(store: Store, q: Query): Promise<string> {
  const codes = [...new Set((single(q, 'units') ?? '').split(/[,，]/u).map((s) => s.trim()).filter(Boolean))];
  if (codes.length < 2 || codes.length > 10) throw new PortalError(400, '请选择 2 至 10 个单位进行比较（units=代码1,代码2,…）');
  let year = parseYear(single(q, 'year'));
  if (year === undefined) {
    const index = await portalIndexOfCodes(store, codes);
    const ys = index.reports.filter((r) => codes.includes(r.org.code)).map((r) => r.year);
    if (ys.length === 0) throw new PortalError(404, '所选单位均无已公开的决算');
    year = Math.max(...ys);
  }
  const units = await unitsOfYear(store, codes, year);
  const cols = units.map((u) => u.year);
  const head = h`<tr><th>项目（金额：万元）</th>${units.map((u) => h`<th class="n">${u.year ? h`<a href="${unitHref(u.code)}">${u.year.report.org.name}</a>` : h`${u.code}<br><span class="note">无该年度公开决算</span>`}</th>`)}</tr>`;
  const rows = MEASURES.map((m) => h`<tr><th>${m.label}</th>${cols.map((c) => h`<td class="n">${c ? show(m, c.values.get(m.key) ?? null) : '无'}</td>`)}</tr>`);
  const per = PER_STAFF_KEYS.map((key) => {
    const m = MEASURE_BY_KEY.get(key)!;
    return h`<tr><th>人均${m.label}（元/人）</th>${cols.map((c) => h`<td class="n">${c ? showPerStaff(perStaff(c.values.get(key) ?? null, c.values.get('staff') ?? null)) : '—'}</td>`)}</tr>`;
  });
  const withData = units.filter((u) => u.year);
  const spec: ChartSpec | null = withData.length
    ? {
        type: 'bar',
        categories: withData.map((u) => u.year!.report.org.name),
        series: PER_STAFF_KEYS.map((key) => ({
          name: `人均${MEASURE_BY_KEY.get(key)!.label}`,
          values: withData.map((u) => {
            const v = perStaff(u.year!.values.get(key) ?? null, u.year!.values.get('staff') ?? null);
            return v === null ? '0' : formatYuan(v);
          }),
        })),
        unit: '元',
      }
    : null;
  const body = h`<section><p>${year}年度，各单位决算现行公开版本。<a href="${PORTAL_PREFIX}">返回首页</a></p></section>
<section><div class="scroll"><table class="wide"><thead>${head}</thead><tbody>${rows}${per}</tbody></table></div>
<p class="note">人均 = 该项金额 ÷ 实有在职人员数（元/人，四舍五入到分）；未公开人员数的单位不计算人均。</p></section>
${spec ? h`<section><div class="charts">${chart(spec, '人均经费（元/人）', 'cmp')}</div></section>` : ''}`;
  return page(`单位比较（${year}年度）`, body, [['首页', PORTAL_PREFIX], ['单位比较', null]]);
}

async function regionMeasurePage(store: Store, code: string, q: Query): Promise<string> {
  const mKey = single(q, 'm') ?? '';
  const m: Measure | undefined = MEASURE_BY_KEY.get(mKey);
  if (!m) throw new PortalError(400, `指标“${mKey}”不正确，可选：${MEASURES.map((x) => `${x.key}（${x.label}）`).join('、')}`);
  const sort = single(q, 'sort') ?? 'value';
  const order = single(q, 'order') ?? 'desc';
  if (!['value', 'name', 'per'].includes(sort)) throw new PortalError(400, `排序“${sort}”不正确，可选：value、name、per`);
  if (!['asc', 'desc'].includes(order)) throw new PortalError(400, `顺序“${order}”不正确，可选：asc、desc`);
  const index = await portalIndex(store);
  const region = index.regions.find((r) => r.code === code);
  if (!region) throw new PortalError(404, `没有地区“${code}”`);
  const inRegion = new Set(await store.regionSubtree(region.id));
  const reports = index.reports.filter((r) => inRegion.has(r.region.id));
  if (reports.length === 0) throw new PortalError(404, `${region.name}尚无已公开的决算`);
  const year = parseYear(single(q, 'year')) ?? Math.max(...reports.map((r) => r.year));
  const ofYear = reports.filter((r) => r.year === year);
  const figures = await editionFigures(store, ofYear);
  const lines = ofYear.map((r, i) => {
    const value = figures[i]!.values.get(m.key) ?? null;
    const staff = figures[i]!.values.get('staff') ?? null;
    return { r, value, staff, per: m.kind === 'money' ? perStaff(value, staff) : null, odd: undefined as boolean | undefined };
  });
  // Soft outliers within each group of similar units: same region, same kind.
  const groups = new Map<string, typeof lines>();
  for (const l of lines) {
    const k = `${l.r.region.id}|${l.r.org.kind}`;
    groups.set(k, [...(groups.get(k) ?? []), l]);
  }
  for (const g of groups.values()) {
    const flags = softOutliers(g.map((l) => (m.kind === 'money' ? l.per : l.value)));
    g.forEach((l, i) => (l.odd = flags[i]));
  }
  const cmp = (a: bigint | null, b: bigint | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  lines.sort((a, b) => {
    const c = sort === 'name' ? a.r.org.name.localeCompare(b.r.org.name, 'zh-CN') : sort === 'per' ? cmp(a.per, b.per) : cmp(a.value, b.value);
    const nullLast = sort !== 'name' && (sort === 'per' ? a.per === null || b.per === null : a.value === null || b.value === null);
    return nullLast ? c : order === 'asc' ? c : -c;
  });
  const base = `${PORTAL_PREFIX}/regions/${encodeURIComponent(region.code)}/measure`;
  const sortLink = (key: string, label: string) => {
    const next = sort === key && order === 'desc' ? 'asc' : 'desc';
    const arrow = sort === key ? (order === 'desc' ? ' ↓' : ' ↑') : '';
    return h`<a href="${base}${query({ m: m.key, year, sort: key, order: next })}">${label}${arrow}</a>`;
  };
  const years = [...new Set(reports.map((r) => r.year))].sort((a, b) => b - a);
  const valueHead = m.kind === 'money' ? `${m.label}（万元）` : m.label;
  const body = h`<section><form class="search" method="get" action="${base}">
<label>指标<select name="m">${MEASURES.map((x) => h`<option value="${x.key}"${x.key === m.key ? raw(' selected') : ''}>${x.group === x.label ? x.label : `${x.group}：${x.label}`}</option>`)}</select></label>
<label>年度<select name="year">${years.map((y) => h`<option value="${y}"${y === year ? raw(' selected') : ''}>${y}</option>`)}</select></label>
<button type="submit">查看</button></form></section>
<section><h2>${region.name} · ${year}年度 · ${m.label}（${ofYear.length} 个单位）</h2>${
    lines.length
      ? h`<p class="sorts">排序：${sortLink('name', '单位')}${sortLink('value', '数值')}${m.kind === 'money' ? sortLink('per', '人均') : ''}</p><div class="scroll"><table class="cards"><thead><tr><th>${sortLink('name', '单位')}</th><th>类型</th><th>地区</th><th class="n">${sortLink('value', valueHead)}</th><th class="n">实有在职人员</th>${m.kind === 'money' ? h`<th class="n">${sortLink('per', '人均（元/人）')}</th>` : ''}<th>与同类单位比较</th></tr></thead><tbody>${lines.map(
          (l) => h`<tr><td data-label="单位"><a href="${unitHref(l.r.org.code)}">${l.r.org.name}</a></td><td data-label="类型">${l.r.org.kind}</td><td data-label="地区">${l.r.region.name}</td><td class="n" data-label="${valueHead}">${show(m, l.value)}</td><td class="n" data-label="实有在职人员">${l.staff === null ? '—' : l.staff.toString()}</td>${m.kind === 'money' ? h`<td class="n" data-label="人均（元/人）">${showPerStaff(l.per)}</td>` : ''}<td data-label="与同类单位比较">${l.odd === true ? h`<span class="tag odd">异常</span>` : l.odd === false ? '正常范围' : '不作判断'}</td></tr>`,
        )}</tbody></table></div>`
      : h`<p>该年度无已公开的决算。</p>`
  }${
    lines.length >= 2
      ? h`<p><a href="${PORTAL_PREFIX}/compare${query({ units: lines.slice(0, 10).map((l) => l.r.org.code).join(','), year })}">并列比较以上前 ${Math.min(lines.length, 10)} 个单位</a></p>`
      : ''
  }<p class="note"><strong>判断方法：</strong>${outlierMethod(m)}</p></section>`;
  return page(`${region.name}各单位${m.label}`, body, [['首页', PORTAL_PREFIX], [region.name, null]]);
}

/**
 * Registers the portal's pages (public: no session needed), in their own
 * context under /gongkai so that any other path there is a Chinese 404 page.
 */
export function registerPortal(app: FastifyInstance, store: Store): void {
  const qOf = (r: FastifyRequest) => r.query as Query;
  void app.register(
    async (portal) => {
      portal.get('', handle((r) => homePage(store, qOf(r))));
      portal.get('/reports/:bundleId', handle((r) => reportPage(store, (r.params as { bundleId: string }).bundleId)));
      portal.get('/reports/:bundleId/files/:name', (r, reply) => sendFile(store, r, reply));
      portal.get('/units/:orgCode', handle((r) => unitPage(store, (r.params as { orgCode: string }).orgCode)));
      portal.get('/compare', handle((r) => comparePage(store, qOf(r))));
      portal.get('/regions/:code/measure', handle((r) => regionMeasurePage(store, (r.params as { code: string }).code, qOf(r))));
      portal.setNotFoundHandler((_request, reply) => sendPage(reply, 404, errorPage(404, '页面不存在')));
    },
    { prefix: PORTAL_PREFIX },
  );
}
