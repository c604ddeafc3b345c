// Who may call what: every route × every kind of user → the exact status; CSRF
// on every state-changing route; and no route exists that the table misses.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, exampleJson, makeWorld, multipart, type ActorName, type World } from './helpers.js';

const WHO = ['anon', 'fillerA', 'fillerB', 'reviewerA', 'financeA', 'financeB', 'admin'] as const;
type Who = (typeof WHO)[number];
type Expect = Record<Who, number>;

/** Visible to unit A's people, A's region's 财政审核人 and 管理员. */
const view = (ok: number): Expect => ({ anon: 401, fillerA: ok, fillerB: 403, reviewerA: ok, financeA: ok, financeB: 403, admin: ok });
const anyUser = (ok: number): Expect => ({ anon: 401, fillerA: ok, fillerB: ok, reviewerA: ok, financeA: ok, financeB: ok, admin: ok });
const adminOnly = (ok: number): Expect => ({ anon: 401, fillerA: 403, fillerB: 403, reviewerA: 403, financeA: 403, financeB: 403, admin: ok });
/** 财政审核人 and 管理员; a batch of A's region is not financeB's. */
const reviewers = (ok: number, otherRegion = ok): Expect => ({ anon: 401, fillerA: 403, fillerB: 403, reviewerA: 403, financeA: ok, financeB: otherRegion, admin: ok });
const everyone = (ok: number): Expect => ({ anon: ok, fillerA: ok, fillerB: ok, reviewerA: ok, financeA: ok, financeB: ok, admin: ok });

interface Row {
  method: string;
  /** The route as registered. */
  route: string;
  /** The path called (ids filled in). */
  path: (w: Ctx) => string;
  body?: (w: Ctx, who: Who) => unknown;
  upload?: () => ReturnType<typeof multipart>;
  expect: Expect;
}

interface Ctx {
  world: World;
  /** A review batch uploaded by financeA (清江县). */
  reviewId: number;
  reviewFileId: number;
  jobId: number;
  bundleId: number;
  userId: number;
  regionId: number;
}

const A = (c: Ctx) => c.world.datasetA;
const ROWS: Row[] = [
  { method: 'POST', route: '/api/login', path: () => '/api/login', body: (_c, who) => ({ username: `nobody-${who}`, password: 'wrong-password' }), expect: everyone(401) },
  { method: 'GET', route: '/api/me', path: () => '/api/me', expect: anyUser(200) },
  { method: 'GET', route: '/api/regions', path: () => '/api/regions', expect: anyUser(200) },
  { method: 'GET', route: '/api/organisations', path: () => '/api/organisations', expect: anyUser(200) },
  {
    method: 'POST', route: '/api/organisations', path: () => '/api/organisations',
    body: (c) => ({ code: 'qingjiang-cdc', name: '重复的单位', kind: '单位', parentId: null, regionId: c.regionId }),
    expect: adminOnly(409),
  },
  { method: 'GET', route: '/api/users', path: () => '/api/users', expect: adminOnly(200) },
  {
    method: 'POST', route: '/api/users', path: () => '/api/users',
    body: () => ({ username: 'admin', displayName: '重复', password: 'long-enough-1', role: 'admin', orgId: null, regionId: null }),
    expect: adminOnly(409),
  },
  { method: 'PATCH', route: '/api/users/:id', path: (c) => `/api/users/${c.userId}`, body: () => ({ displayName: '清江县疾控中心填报人' }), expect: adminOnly(200) },
  { method: 'GET', route: '/api/datasets', path: () => '/api/datasets', expect: anyUser(200) },
  {
    method: 'POST', route: '/api/datasets', path: () => '/api/datasets', body: () => ({ year: 2024, from: 'previous' }),
    // A's 2024 exists (409); B has no 2023 to carry on (400).
    expect: { anon: 401, fillerA: 409, fillerB: 400, reviewerA: 403, financeA: 403, financeB: 403, admin: 403 },
  },
  { method: 'GET', route: '/api/datasets/:id', path: (c) => `/api/datasets/${A(c)}`, expect: view(200) },
  {
    method: 'PUT', route: '/api/datasets/:id', path: (c) => `/api/datasets/${A(c)}`,
    body: () => ({ baseVersion: 999, data: exampleJson('qingjiang-cdc-2024') }),
    expect: { anon: 401, fillerA: 409, fillerB: 403, reviewerA: 403, financeA: 403, financeB: 403, admin: 403 },
  },
  { method: 'POST', route: '/api/datasets/:id/check', path: (c) => `/api/datasets/${A(c)}/check`, body: () => ({ data: {} }), expect: view(200) },
  { method: 'GET', route: '/api/datasets/:id/versions', path: (c) => `/api/datasets/${A(c)}/versions`, expect: view(200) },
  { method: 'GET', route: '/api/datasets/:id/versions/:v', path: (c) => `/api/datasets/${A(c)}/versions/1`, expect: view(200) },
  { method: 'GET', route: '/api/datasets/:id/diff', path: (c) => `/api/datasets/${A(c)}/diff?from=1&to=1`, expect: view(200) },
  { method: 'GET', route: '/api/datasets/:id/events', path: (c) => `/api/datasets/${A(c)}/events`, expect: view(200) },
  { method: 'GET', route: '/api/datasets/:id/comments', path: (c) => `/api/datasets/${A(c)}/comments`, expect: view(200) },
  {
    method: 'POST', route: '/api/datasets/:id/comments', path: (c) => `/api/datasets/${A(c)}/comments`, body: () => ({ path: 'income.generalBudget', body: '请核对' }),
    expect: { anon: 401, fillerA: 403, fillerB: 403, reviewerA: 201, financeA: 201, financeB: 403, admin: 403 },
  },
  {
    // A is a draft: its 单位审核人 may take the action but not now (409); nobody else may at all.
    method: 'POST', route: '/api/datasets/:id/actions/:action', path: (c) => `/api/datasets/${A(c)}/actions/unit_approve`, body: () => ({}),
    expect: { anon: 401, fillerA: 403, fillerB: 403, reviewerA: 409, financeA: 403, financeB: 403, admin: 403 },
  },
  {
    method: 'POST', route: '/api/datasets/:id/actions/:action', path: (c) => `/api/datasets/${A(c)}/actions/publish`, body: () => ({}),
    expect: { anon: 401, fillerA: 403, fillerB: 403, reviewerA: 403, financeA: 409, financeB: 403, admin: 403 },
  },
  {
    // B has errors: its 填报人 is refused with 422; nobody else may submit it.
    method: 'POST', route: '/api/datasets/:id/actions/:action', path: (c) => `/api/datasets/${c.world.datasetB}/actions/submit`, body: () => ({}),
    expect: { anon: 401, fillerA: 403, fillerB: 422, reviewerA: 403, financeA: 403, financeB: 403, admin: 403 },
  },
  { method: 'GET', route: '/api/datasets/:id/preview', path: (c) => `/api/datasets/${A(c)}/preview`, expect: view(200) },
  { method: 'POST', route: '/api/datasets/:id/render', path: (c) => `/api/datasets/${A(c)}/render`, body: () => ({ format: 'html' }), expect: view(202) },
  {
    // No file in the form: a 填报人 is told to choose one (400); others may not import.
    method: 'POST', route: '/api/import', path: () => '/api/import', upload: () => multipart({ year: '2024' }),
    expect: { anon: 401, fillerA: 400, fillerB: 400, reviewerA: 403, financeA: 403, financeB: 403, admin: 403 },
  },
  { method: 'GET', route: '/api/jobs/:id', path: (c) => `/api/jobs/${c.jobId}`, expect: { ...adminOnly(200), fillerA: 200 } },
  { method: 'GET', route: '/api/jobs/:id/files/:name', path: (c) => `/api/jobs/${c.jobId}/files/none.pdf`, expect: { ...adminOnly(404), fillerA: 404 } },
  { method: 'GET', route: '/api/bundles', path: () => '/api/bundles', expect: anyUser(200) },
  { method: 'GET', route: '/api/bundles/:id/files/:name', path: (c) => `/api/bundles/${c.bundleId}/files/report.html`, expect: view(200) },
  // Open data: public, GET only.
  { method: 'GET', route: '/api/public/facts', path: () => '/api/public/facts?region=510000', expect: everyone(200) },
  { method: 'GET', route: '/api/public/regions/:code/:year.csv', path: () => '/api/public/regions/510000/2024.csv', expect: everyone(200) },
  { method: 'GET', route: '/api/public/reports', path: () => '/api/public/reports', expect: everyone(200) },
  // 汇总: 财政审核人 (of A's region by default) and 管理员.
  { method: 'GET', route: '/api/summary', path: () => '/api/summary?year=2024', expect: { anon: 401, fillerA: 403, fillerB: 403, reviewerA: 403, financeA: 200, financeB: 200, admin: 200 } },
  // Reviewing others' reports: 财政审核人 and 管理员; a batch is seen by its region's reviewers (and those above) and 管理员.
  // No file in the form: 400 for those who may upload.
  { method: 'POST', route: '/api/reviews', path: () => '/api/reviews', upload: () => multipart({ name: '空' }), expect: reviewers(400) },
  { method: 'GET', route: '/api/reviews', path: () => '/api/reviews', expect: reviewers(200) },
  { method: 'GET', route: '/api/reviews/:id', path: (c) => `/api/reviews/${c.reviewId}`, expect: reviewers(200, 403) },
  { method: 'GET', route: '/api/reviews/:id/files/:fileId', path: (c) => `/api/reviews/${c.reviewId}/files/${c.reviewFileId}`, expect: reviewers(200, 403) },
  { method: 'GET', route: '/api/reviews/:id/findings.xlsx', path: (c) => `/api/reviews/${c.reviewId}/findings.xlsx`, expect: reviewers(200, 403) },
  // The OpenAPI document and its UI are public.
  { method: 'GET', route: '/api/docs', path: () => '/api/docs', expect: everyone(200) },
  { method: 'GET', route: '/api/docs/json', path: () => '/api/docs/json', expect: everyone(200) },
  { method: 'GET', route: '/api/docs/yaml', path: () => '/api/docs/yaml', expect: everyone(200) },
  { method: 'GET', route: '/api/docs/static/*', path: () => '/api/docs/static/swagger-ui.css', expect: everyone(200) },
  { method: 'GET', route: '/api/docs/static/index.html', path: () => '/api/docs/static/index.html', expect: everyone(302) },
  { method: 'GET', route: '/api/docs/static/swagger-initializer.js', path: () => '/api/docs/static/swagger-initializer.js', expect: everyone(200) },
  // The public portal: no login.
  { method: 'GET', route: '/gongkai', path: () => '/gongkai', expect: everyone(200) },
  { method: 'GET', route: '/gongkai/reports/:bundleId', path: (c) => `/gongkai/reports/${c.bundleId}`, expect: everyone(200) },
  { method: 'GET', route: '/gongkai/reports/:bundleId/files/:name', path: (c) => `/gongkai/reports/${c.bundleId}/files/report.html`, expect: everyone(200) },
  { method: 'GET', route: '/gongkai/units/:orgCode', path: () => '/gongkai/units/qingjiang-cdc', expect: everyone(200) },
  { method: 'GET', route: '/gongkai/compare', path: () => '/gongkai/compare?units=qingjiang-cdc,zhaohua-zfw', expect: everyone(200) },
  { method: 'GET', route: '/gongkai/regions/:code/measure', path: () => '/gongkai/regions/510699/measure?m=income', expect: everyone(200) },
  // Last: it ends each user's session.
  { method: 'POST', route: '/api/logout', path: () => '/api/logout', expect: anyUser(204) },
];

const SAFE = new Set(['GET', 'HEAD']);

describe.each(ENGINES)('authorisation on %s', (engine) => {
  let world: World;
  let ctx: Ctx;
  const registered: { method: string; url: string }[] = [];

  beforeAll(async () => {
    world = await makeWorld(engine, { onRoute: (r) => registered.push(r) });
    const fillerA = (await world.store.getUserByName('qingjiang-tb'))!;
    const job = await world.store.enqueueJob({ kind: 'render', payload: { datasetId: world.datasetA, version: 1, format: 'html' }, requestedBy: fillerA.id });
    const data = new TextEncoder().encode('<html>report</html>');
    const bundle = await world.store.addBundle({
      datasetId: world.datasetA, datasetVersion: 1, userId: fillerA.id, correctionNote: null,
      files: [{ name: 'report.html', mediaType: 'text/html; charset=utf-8', bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex'), data }],
    });
    const financeA = (await world.store.getUserByName('qingjiang-cz'))!;
    const text = new TextEncoder().encode('2024年度部门决算');
    const review = await world.store.addReviewBatch({
      name: '外部报告', userId: financeA.id, regionId: financeA.regionId, skipped: [],
      files: [{ name: 'report.txt', mediaType: 'text/plain', bytes: text.byteLength, sha256: createHash('sha256').update(text).digest('hex'), data: text }],
    });
    ctx = {
      world, jobId: job.id, bundleId: bundle.id, userId: fillerA.id, regionId: (await world.store.listRegions())[0]!.id,
      reviewId: review.id, reviewFileId: review.files[0]!.id,
    };
  });
  afterAll(async () => world?.close());

  it('every registered route is in the table, and every route of the table is registered', () => {
    const seen = new Set(registered.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`));
    const table = new Set(ROWS.map((r) => `${r.method} ${r.route}`));
    expect([...seen].filter((r) => !table.has(r)), 'routes missing from the authorisation table').toEqual([]);
    expect([...table].filter((r) => !seen.has(r)), 'table rows for routes that do not exist').toEqual([]);
  });

  it('state-changing routes refuse a request without the CSRF token (403), and one with another session’s token', async () => {
    const other = await world.as('fillerB');
    for (const row of ROWS.filter((r) => !SAFE.has(r.method) && r.route !== '/api/login')) {
      const who = (WHO.find((w) => w !== 'anon' && row.expect[w] !== 403) ?? 'fillerA') as Exclude<Who, 'anon'>;
      const c = await world.as(who);
      const up = row.upload?.();
      const res = await c.request(row.method, row.path(ctx), row.body?.(ctx, who) ?? {}, { csrf: false, ...(up ? { payload: up.payload, headers: up.headers } : {}) });
      expect([row.method, row.path(ctx), res.statusCode, res.json().message]).toEqual([row.method, row.path(ctx), 403, 'CSRF 校验失败，请刷新页面后重试']);
      const forged = await c.request(row.method, row.path(ctx), row.body?.(ctx, who) ?? {}, {
        csrf: false, headers: { 'x-csrf-token': other.csrf!, ...(up ? up.headers : {}) }, ...(up ? { payload: up.payload } : {}),
      });
      if (who !== 'fillerB') expect([row.path(ctx), forged.statusCode]).toEqual([row.path(ctx), 403]);
    }
  });

  it('each kind of user gets exactly the status of the table on every route', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const row of ROWS) {
      for (const who of WHO) {
        const c = who === 'anon' ? world.client() : await world.as(who);
        const up = row.upload?.();
        const res = await c.request(row.method, row.path(ctx), row.body?.(ctx, who), up ? { payload: up.payload, headers: up.headers } : {});
        got.push(`${row.method} ${row.path(ctx)} ${who} → ${res.statusCode}`);
        want.push(`${row.method} ${row.path(ctx)} ${who} → ${row.expect[who]}`);
        if (res.statusCode >= 400) {
          // Every refusal is ApiError JSON with a Chinese message.
          const body = res.json<{ error: string; message: string }>();
          expect(typeof body.error).toBe('string');
          expect(body.message).toMatch(/[\u4e00-\u9fff]/u);
        }
      }
    }
    world.forgetSessions();
    expect(got).toEqual(want);
  });

  it('a record that does not exist is 404; one that exists but is not visible is 403', async () => {
    const a = await world.as('fillerA');
    expect((await a.get('/api/datasets/999999')).statusCode).toBe(404);
    const notAnId = await a.get('/api/datasets/abc');
    expect(notAnId.statusCode).toBe(400);
    expect(notAnId.json()).toEqual({ error: 'bad_request', message: '路径参数不正确：id 应为整数', fields: { id: '应为整数' } });
    expect((await a.get('/api/jobs/999999')).statusCode).toBe(404);
    expect((await a.get('/api/bundles/999999/files/x.pdf')).statusCode).toBe(404);
    const b = await world.as('fillerB');
    const res = await b.get(`/api/datasets/${world.datasetA}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('您无权查看该单位的数据');
    // Lists hold only what the user may see.
    const list = (await b.get('/api/datasets')).json<{ id: number }[]>();
    expect(list.map((d) => d.id)).toEqual([world.datasetB]);
    const finance = (await (await world.as('financeA')).get('/api/datasets')).json<{ id: number }[]>();
    expect(finance.map((d) => d.id)).toEqual([world.datasetA]);
    const admin = (await (await world.as('admin')).get('/api/datasets')).json<{ id: number }[]>();
    expect(admin).toHaveLength(3);
  });

  it('the seed: regions 省 → 市 → 县, the examples’ units with their datasets as version 1, and their accounts', async () => {
    const regions = await world.store.listRegions();
    const byId = new Map(regions.map((r) => [r.id, r]));
    const chain = (name: string) => {
      const out: string[] = [];
      for (let r = regions.find((x) => x.name === name); r; r = r.parentId === null ? undefined : byId.get(r.parentId)) out.unshift(r.name);
      return out.join(' → ');
    };
    expect(chain('昭化区')).toBe('四川省 → 广元市 → 昭化区');
    expect(chain('米易县')).toBe('四川省 → 攀枝花市 → 米易县');
    expect(chain('清江县')).toBe('四川省 → 德阳市 → 清江县');
    const orgs = await world.store.listOrganisations();
    expect(orgs.map((o) => o.name).sort()).toEqual(['中共广元市昭化区委政法委员会', '中共米易县委政法委员会', '清江县疾病预防控制中心'].sort());
    const datasets = await world.store.listDatasets({});
    expect(datasets.map((d) => [d.year, d.version, d.status]).sort()).toEqual([[2021, 1, 'draft'], [2022, 1, 'draft'], [2024, 1, 'draft']]);
    const a = (await world.store.getVersion(world.datasetA, 1))!;
    expect(a.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const roles = [...world.accounts.values()].map((x) => x.role);
    expect(roles.filter((r) => r === 'filler')).toHaveLength(3);
    expect(roles.filter((r) => r === 'unit_reviewer')).toHaveLength(3);
    expect(roles.filter((r) => r === 'finance_reviewer')).toHaveLength(3);
    expect(roles.filter((r) => r === 'admin')).toHaveLength(1);
    // A second start seeds nothing.
    const { seedIfEmpty } = await import('../../src/app/seed.js');
    expect(await seedIfEmpty(world.store)).toBeNull();
  });

  it('an unknown /api path is a 404 in Chinese', async () => {
    const res = await world.client().get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: '没有这个接口' });
  });
});
