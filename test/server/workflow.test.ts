// Datasets and their workflow through the HTTP API, on both engines: saving
// (validation, conflicts), checking, diffs, submit/return/approve, the publish
// job run by the worker, corrections, uploads and previews.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explanationKey, type DatasetDetail, type Job, type StoredFinding, type VersionSummary } from '../../src/api/contract.js';
import { DRAFT_MARK, renderDataset } from '../../src/app/render.js';
import { findProfile } from '../../src/profiles/index.js';
import { startWorker } from '../../src/worker/index.js';
import { loadExample } from '../examples.js';
import { ENGINES, exampleJson, makeWorld, multipart, type World } from './helpers.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(ENGINES)('datasets and workflow on %s', (engine) => {
  let world: World;
  let A: number;
  let B: number;
  beforeAll(async () => {
    world = await makeWorld(engine);
    A = world.datasetA;
    B = world.datasetB;
  });
  afterAll(async () => world?.close());

  const detail = async (id: number) => (await (await world.as('fillerA')).get(`/api/datasets/${id}`)).json<DatasetDetail>();
  const versions = async (id: number) => (await (await world.as('fillerA')).get(`/api/datasets/${id}/versions`)).json<VersionSummary[]>();

  it('a dataset that is not valid is refused with its fields in Chinese, and nothing is saved', async () => {
    const filler = await world.as('fillerA');
    const data = exampleJson('qingjiang-cdc-2024');
    (data.income as Json).generalBudget = '两千万';
    delete (data.unit as Json).shortName;
    const res = await filler.put(`/api/datasets/${A}`, { baseVersion: 1, data });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: string; message: string; fields: Record<string, string> }>();
    expect(body.error).toBe('bad_request');
    expect(Object.keys(body.fields).sort()).toEqual(['income.generalBudget', 'unit.shortName']);
    expect(body.fields['unit.shortName']).toBe('缺少此项（必填）');
    expect(await versions(A)).toHaveLength(1);
    // The year is the dataset's.
    const wrongYear = await filler.put(`/api/datasets/${A}`, { baseVersion: 1, data: { ...exampleJson('qingjiang-cdc-2024'), year: 2023 } });
    expect(wrongYear.statusCode).toBe(400);
    expect(wrongYear.json().fields).toEqual({ year: '年度应为2024（与本数据集一致）' });
    // A body that is not what the route takes: 400 in Chinese, not Fastify's English.
    const bad = await filler.put(`/api/datasets/${A}`, { data: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'bad_request', fields: { baseVersion: '缺少此项（必填）' } });
    expect(bad.json().message).toMatch(/^请求内容不正确/u);
    expect(await versions(A)).toHaveLength(1);
  });

  it('two saves on the same base version: one is saved, the other gets 409 with the version that won', async () => {
    const filler = await world.as('fillerA');
    const one = exampleJson('qingjiang-cdc-2024');
    (one.unit as Json).staffing.retired = 13;
    const two = exampleJson('qingjiang-cdc-2024');
    (two.unit as Json).staffing.retired = 14;
    const results = await Promise.all([
      filler.put(`/api/datasets/${A}`, { baseVersion: 1, data: one, note: '一' }),
      filler.put(`/api/datasets/${A}`, { baseVersion: 1, data: two, note: '二' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const won = results.find((r) => r.statusCode === 200)!.json<DatasetDetail>();
    const lost = results.find((r) => r.statusCode === 409)!.json<{ error: string; message: string; current: { version: number; data: Json; note: string } }>();
    expect(won.version).toBe(2);
    expect(lost.error).toBe('conflict');
    expect(lost.current.version).toBe(2);
    expect(lost.current.data.unit.staffing.retired).toBe(won.data.unit && (won.data.unit as Json).staffing.retired);
    expect(lost.message).toMatch(/第2版/u);
    expect(await versions(A)).toHaveLength(2);
  });

  it('the diff between two versions names the changed fields', async () => {
    const filler = await world.as('fillerA');
    const res = await filler.get(`/api/datasets/${A}/diff?from=1&to=2`);
    expect(res.statusCode).toBe(200);
    const { changes } = res.json<{ changes: { path: string; before: unknown; after: unknown }[] }>();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ path: 'unit.staffing.retired', before: 12 });
    expect((await filler.get(`/api/datasets/${A}/diff?from=1&to=9`)).statusCode).toBe(404);
  });

  it('check gives the server’s findings without saving', async () => {
    const reviewer = await world.as('reviewerA');
    const bad = (await reviewer.post(`/api/datasets/${A}/check`, { data: { format: 'juesuan-dataset/1' } })).json<{ valid: boolean; fields: Record<string, string>; findings: unknown[] }>();
    expect(bad.valid).toBe(false);
    expect(bad.fields.year).toBe('缺少此项（必填）');
    expect(bad.findings).toEqual([]);
    const data = exampleJson('qingjiang-cdc-2024');
    (data.evaluations as Json[])[0]!.indicators[0].actual = '28项';
    const good = (await reviewer.post(`/api/datasets/${A}/check`, { data })).json<{ valid: boolean; findings: StoredFinding[] }>();
    expect(good.valid).toBe(true);
    expect(good.findings.filter((f) => f.severity === 'warning').length).toBeGreaterThan(0);
    expect(await versions(A)).toHaveLength(2);
  });

  it('submit is refused while errors remain (422, fields name each), and while a warning lacks its explanation', async () => {
    const fillerB = await world.as('fillerB');
    const refused = await fillerB.post(`/api/datasets/${B}/actions/submit`, {});
    expect(refused.statusCode).toBe(422);
    const body = refused.json<{ error: string; message: string; fields: Record<string, string> }>();
    expect(body.error).toBe('not_passing');
    const findings = (await fillerB.get(`/api/datasets/${B}`)).json<DatasetDetail>().findings;
    const errors = findings.filter((f) => f.severity === 'error');
    const warnings = findings.filter((f) => f.severity === 'warning');
    expect(errors.length).toBeGreaterThan(0);
    for (const f of errors) expect(body.fields[f.location]).toBe(f.message);
    for (const f of warnings) expect(body.fields[explanationKey(f)]).toMatch(/^请说明/u);
    expect(body.message).toBe(`不能提交：还有 ${errors.length} 个错误，${warnings.length} 个警告未填写说明`);

    // A: a figure that misses its target gives warnings but no error.
    const filler = await world.as('fillerA');
    const data = exampleJson('qingjiang-cdc-2024');
    (data.evaluations as Json[])[0]!.indicators[0].actual = '28项';
    const saved = (await filler.put(`/api/datasets/${A}`, { baseVersion: 2, data })).json<DatasetDetail>();
    expect(saved.errors).toBe(0);
    const ws = saved.findings.filter((f) => f.severity === 'warning');
    expect(ws.length).toBeGreaterThan(0);
    expect(saved.allowedActions).toEqual(['submit']);
    const unexplained = await filler.post(`/api/datasets/${A}/actions/submit`, { explanations: { [explanationKey(ws[0]!)]: '   ' } });
    expect(unexplained.statusCode).toBe(422);
    expect(Object.keys(unexplained.json().fields).sort()).toEqual(ws.map(explanationKey).sort());
    expect((await detail(A)).status).toBe('draft');

    const explanations = Object.fromEntries(ws.map((f) => [explanationKey(f), '受疫情影响，部分任务延后至次年完成']));
    const ok = await filler.post(`/api/datasets/${A}/actions/submit`, { explanations });
    expect(ok.statusCode).toBe(200);
    const submitted = ok.json<DatasetDetail>();
    expect(submitted.status).toBe('submitted');
    expect(submitted.explanations).toEqual(explanations);
    expect(submitted.editable).toBe(false);
    expect(submitted.allowedActions).toEqual([]);
  });

  it('a submitted dataset cannot be saved (409)', async () => {
    const res = await (await world.as('fillerA')).put(`/api/datasets/${A}`, { baseVersion: 3, data: exampleJson('qingjiang-cdc-2024') });
    expect(res.statusCode).toBe(409);
  });

  it('a return needs a comment; field comments come with it; the filler may edit again', async () => {
    const reviewer = await world.as('reviewerA');
    expect((await reviewer.get(`/api/datasets/${A}`)).json<DatasetDetail>().allowedActions.sort()).toEqual(['unit_approve', 'unit_return']);
    const bare = await reviewer.post(`/api/datasets/${A}/actions/unit_return`, { comment: '  ' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().fields).toEqual({ comment: '退回时请填写退回意见' });
    const res = await reviewer.post(`/api/datasets/${A}/actions/unit_return`, {
      comment: '请核实绩效指标完成情况', fieldComments: [{ path: 'evaluations[0].indicators[0].actual', body: '与年度工作总结不一致' }],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<DatasetDetail>().status).toBe('returned');
    const comments = (await (await world.as('fillerA')).get(`/api/datasets/${A}/comments`)).json<{ path: string; body: string; author: string; version: number }[]>();
    expect(comments).toContainEqual(expect.objectContaining({ path: 'evaluations[0].indicators[0].actual', body: '与年度工作总结不一致', version: 3 }));
    const events = (await (await world.as('fillerA')).get(`/api/datasets/${A}/events`)).json<{ action: string; from: string | null; to: string; comment: string | null }[]>();
    expect(events.map((e) => [e.action, e.from, e.to])).toEqual([['import', null, 'draft'], ['submit', 'draft', 'submitted'], ['unit_return', 'submitted', 'returned']]);
    expect(events.at(-1)!.comment).toBe('请核实绩效指标完成情况');
    const d = await detail(A);
    expect(d.editable).toBe(true);
    expect(d.allowedActions).toEqual(['submit']);
  });

  it('the full path to 已公开: submit, unit approve, finance approve, publish (a job the worker runs), then a correction', async () => {
    const filler = await world.as('fillerA');
    // Back to the clean example (no warnings) and on through the workflow.
    const saved = await filler.put(`/api/datasets/${A}`, { baseVersion: 3, data: exampleJson('qingjiang-cdc-2024') });
    expect(saved.statusCode).toBe(200);
    expect((await filler.post(`/api/datasets/${A}/actions/submit`, {})).json().status).toBe('submitted');
    // An approval may come without a body.
    expect((await (await world.as('reviewerA')).request('POST', `/api/datasets/${A}/actions/unit_approve`)).json().status).toBe('unit_approved');
    const finance = await world.as('financeA');
    expect((await finance.post(`/api/datasets/${A}/actions/finance_approve`, {})).json().status).toBe('finance_approved');

    const published = await finance.post(`/api/datasets/${A}/actions/publish`, {});
    expect(published.statusCode).toBe(202);
    const { job } = published.json<{ job: Job }>();
    expect(job).toMatchObject({ kind: 'publish', status: 'queued' });
    // Not published until the worker has rendered and stored the bundle.
    expect((await detail(A)).status).toBe('finance_approved');
    const worker = startWorker(world.store, { autostart: false, log: () => {} });
    try {
      expect(await worker.drain()).toBe(1);
    } finally {
      await worker.stop();
    }
    const done = (await finance.get(`/api/jobs/${job.id}`)).json<Job>();
    expect(done.error).toBeNull();
    expect(done.status).toBe('done');
    const d = await detail(A);
    expect(d.status).toBe('published');
    expect(d.publishedBundleId).toBe(done.result!.bundleId);
    expect(d.allowedActions).toEqual([]);

    const bundles = (await filler.get(`/api/bundles?datasetId=${A}`)).json<{ id: number; edition: number; files: { name: string; sha256: string }[]; supersededBy: number | null }[]>();
    expect(bundles).toHaveLength(1);
    const file = bundles[0]!.files.find((f) => f.name.endsWith('.pdf'))!;
    const download = await filler.get(`/api/bundles/${bundles[0]!.id}/files/${encodeURIComponent(file.name)}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['x-sha256']).toBe(file.sha256);
    expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(file.sha256);

    // A correction: reopen, edit, through the workflow again; publishing needs a 更正说明.
    expect((await finance.get(`/api/datasets/${A}`)).json<DatasetDetail>().allowedActions).toEqual(['reopen']);
    expect((await finance.post(`/api/datasets/${A}/actions/reopen`, { comment: '发现数据错误' })).json().status).toBe('draft');
    const latest = (await detail(A)).version;
    const corrected = exampleJson('qingjiang-cdc-2024');
    (corrected.unit as Json).staffing.note = '比上年减少1人（退休），数据已更正';
    expect((await filler.put(`/api/datasets/${A}`, { baseVersion: latest, data: corrected })).statusCode).toBe(200);
    await filler.post(`/api/datasets/${A}/actions/submit`, {});
    await (await world.as('reviewerA')).post(`/api/datasets/${A}/actions/unit_approve`, {});
    await finance.post(`/api/datasets/${A}/actions/finance_approve`, {});
    const noNote = await finance.post(`/api/datasets/${A}/actions/publish`, {});
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().fields).toEqual({ correctionNote: '更正后重新公开时请填写更正说明' });
    expect((await finance.post(`/api/datasets/${A}/actions/publish`, { correctionNote: '更正在职人员情况说明' })).statusCode).toBe(202);
    const again = startWorker(world.store, { autostart: false, log: () => {} });
    try {
      expect(await again.drain()).toBe(1);
    } finally {
      await again.stop();
    }
    const editions = (await filler.get(`/api/bundles?datasetId=${A}`)).json<{ id: number; edition: number; correctionNote: string | null; supersededBy: number | null }[]>();
    const byEdition = [...editions].sort((a, b) => a.edition - b.edition);
    expect(byEdition.map((b) => [b.edition, b.correctionNote])).toEqual([[1, null], [2, '更正在职人员情况说明']]);
    expect(byEdition[0]!.supersededBy).toBe(byEdition[1]!.id);
    expect((await detail(A)).status).toBe('published');
  });

  it('publishing a version with errors is refused at once (422), not left to fail in the worker', async () => {
    // B has errors: the API would never approve it; moved along in the store directly.
    const fillerB = (await world.store.getUserByName('zhaohua-tb'))!;
    await world.store.transition(B, { from: ['draft'], to: 'submitted', action: 'submit', userId: fillerB.id });
    await world.store.transition(B, { from: ['submitted'], to: 'unit_approved', action: 'unit_approve', userId: fillerB.id });
    await world.store.transition(B, { from: ['unit_approved'], to: 'finance_approved', action: 'finance_approve', userId: fillerB.id });
    const res = await (await world.as('financeB')).post(`/api/datasets/${B}/actions/publish`, {});
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'not_passing', fields: { 'prior.operating_cost': '报告中“上年决算数”尚待补充' } });
    expect((await (await world.as('fillerB')).get(`/api/datasets/${B}`)).json<DatasetDetail>().status).toBe('finance_approved');
    // Back for the tests after this one.
    await world.store.transition(B, { from: ['finance_approved'], to: 'returned', action: 'finance_return', userId: fillerB.id, comment: '测试' });
  });

  it('a 填报人 creates next year’s dataset from this year’s: last year’s figures become 上年数', async () => {
    const filler = await world.as('fillerA');
    const res = await filler.post('/api/datasets', { year: 2025, from: 'previous' });
    expect(res.statusCode).toBe(201);
    const d = res.json<DatasetDetail>();
    expect(d).toMatchObject({ year: 2025, status: 'draft', version: 1, editable: true });
    const prior = (d.data as Json).prior as Record<string, string>;
    expect(prior['income.general_budget']).toBe('2367.34');
    expect((d.data as Json).unit.name).toBe('清江县疾病预防控制中心');
    expect((d.data as Json).expenditure).toEqual([]);
    expect((await filler.post('/api/datasets', { year: 2025 })).statusCode).toBe(409);
    const empty = await filler.post('/api/datasets', { year: 2023, from: 'empty' });
    expect(empty.statusCode).toBe(201);
    expect((empty.json<DatasetDetail>().data as Json).unit.region).toEqual({ province: '四川省', city: '德阳市', county: '清江县' });
    // The unit's description comes from its other years; the figures start empty.
    expect((empty.json<DatasetDetail>().data as Json).unit.kind).toBe('事业');
    expect((empty.json<DatasetDetail>().data as Json).income).toEqual({});
    // A unit with no dataset yet starts from its organisation record.
    const admin = await world.as('admin');
    const regionId = (await world.store.listRegions()).find((r) => r.name === '米易县')!.id;
    const org = (await admin.post('/api/organisations', { code: 'miyi-new', name: '米易县新单位', kind: '单位', parentId: null, regionId })).json<{ id: number }>();
    expect((await admin.post('/api/users', { username: 'miyi-new-tb', displayName: '新单位填报人', password: 'new-unit-password', role: 'filler', orgId: org.id })).statusCode).toBe(200);
    const c = world.client();
    await c.login('miyi-new-tb', 'new-unit-password');
    const fresh = await c.post('/api/datasets', { year: 2024 });
    expect(fresh.statusCode).toBe(201);
    const unit = (fresh.json<DatasetDetail>().data as Json).unit;
    expect(unit).toMatchObject({ name: '米易县新单位', level: '单位', region: { province: '四川省', city: '攀枝花市', county: '米易县' } });
    expect(fresh.json<DatasetDetail>().errors).toBeGreaterThan(0);
    const badYear = await filler.post('/api/datasets', { year: 'next' });
    expect(badYear.statusCode).toBe(400);
    expect(badYear.json().fields).toEqual({ year: '应为整数' });
  });

  it('the preview is the HTML report, marked as a draft when it does not pass', async () => {
    const b = await (await world.as('fillerB')).get(`/api/datasets/${B}/preview`);
    expect(b.statusCode).toBe(200);
    expect(b.headers['content-type']).toMatch(/^text\/html/u);
    expect(b.body).toContain(DRAFT_MARK);
    const a = await (await world.as('fillerA')).get(`/api/datasets/${A}/preview`);
    expect(a.body).toContain('清江县疾病预防控制中心');
    expect(a.body).not.toContain(DRAFT_MARK);
  });

  it('a preview follows the saved version: a change saved shows in the next preview', async () => {
    const fillerB = await world.as('fillerB');
    const detail = (await fillerB.get(`/api/datasets/${B}`)).json<DatasetDetail>();
    const first = await fillerB.get(`/api/datasets/${B}/preview`);
    const unit = detail.data.unit as Record<string, unknown>;
    const line = `${String(unit.name)}（第${detail.version + 1}版）`;
    expect(first.body).not.toContain(line);
    const data = { ...detail.data, unit: { ...unit, name: line } };
    expect((await fillerB.put(`/api/datasets/${B}`, { baseVersion: detail.version, data })).statusCode).toBe(200);
    const second = await fillerB.get(`/api/datasets/${B}/preview`);
    expect(second.body).toContain(line);
  });

  it('a render job: 202 with the job, the worker makes the file, its requester downloads it (with its SHA-256), nobody else', async () => {
    const fillerB = await world.as('fillerB');
    const res = await fillerB.post(`/api/datasets/${B}/render`, { format: 'html' });
    expect(res.statusCode).toBe(202);
    const { job } = res.json<{ job: Job }>();
    expect(job).toMatchObject({ kind: 'render', status: 'queued', progress: 0 });
    const worker = startWorker(world.store, { autostart: false, log: () => {} });
    try {
      expect(await worker.drain()).toBe(1);
    } finally {
      await worker.stop();
    }
    const done = (await fillerB.get(`/api/jobs/${job.id}`)).json<Job>();
    expect(done).toMatchObject({ status: 'done', progress: 100, error: null });
    const file = done.result!.files![0]!;
    expect(file.name).toMatch(/\.html$/u);
    const download = await fillerB.get(`${done.result!.downloadBase ?? `/api/jobs/${job.id}/files/`}${encodeURIComponent(file.name)}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['x-sha256']).toBe(file.sha256);
    expect(download.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    expect(download.body).toContain(DRAFT_MARK);
    expect((await (await world.as('reviewerB')).get(`/api/jobs/${job.id}`)).statusCode).toBe(403);
    expect((await fillerB.post(`/api/datasets/${B}/render`, { format: 'odt' })).json().fields).toEqual({ format: '应为以下之一：pdf、docx、xlsx、html' });
  });

  it('uploads: too large 413, not .xlsx 415, not a zip 415, a broken workbook 400, our own export read back', async () => {
    const filler = await world.as('fillerA');
    const upload = (name: string, data: Buffer) => {
      const m = multipart({ year: '2024' }, { name, data });
      return filler.request('POST', '/api/import', undefined, { payload: m.payload, headers: m.headers });
    };
    const big = await upload('big.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(10 * 1024 * 1024 + 10)]));
    expect(big.statusCode).toBe(413);
    expect(big.json().message).toMatch(/10 MB/u);
    const txt = await upload('data.txt', Buffer.from('year: 2024'));
    expect(txt.statusCode).toBe(415);
    expect(txt.json().message).toMatch(/\.xlsx/u);
    const fake = await upload('fake.xlsx', Buffer.from('this is not a workbook'));
    expect(fake.statusCode).toBe(415);
    const broken = await upload('broken.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]));
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toMatch(/[\u4e00-\u9fff]/u);
    const exported = await renderDataset(loadExample('qingjiang-cdc-2024'), findProfile('sichuan')!, ['xlsx']);
    const ok = await upload('清江县疾控中心.xlsx', Buffer.from(exported.files[0]!.data));
    expect(ok.statusCode).toBe(200);
    const body = ok.json<{ data: Json; read: string[]; missing: string[]; problems: string[] }>();
    expect(body.data.unit.name).toBe('清江县疾病预防控制中心');
    expect(body.read.length).toBeGreaterThan(0);
    expect(body.missing).toEqual([]);
  });
});
