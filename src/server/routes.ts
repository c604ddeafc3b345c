/**
 * The /api routes of src/api/contract.ts: a thin adapter from HTTP to the
 * services in src/app. Each route states who may call it (`config.access`,
 * checked by the session hook) and a JSON schema for what it accepts (bad
 * input is a 400 in Chinese from the error handler).
 */
import type {} from '@fastify/multipart';
import type {} from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ACTIONS, ROLES, STATUSES, type Action, type Role, type Status } from '../api/contract.js';
import { MAX_UPLOAD_BYTES } from '../api/contract.js';
import { login, logout, meOf } from '../app/auth.js';
import { addOrganisation, addUser, listOrganisations, listUsers, updateUser } from '../app/admin.js';
import {
  addComment, checkDataset, createDataset, datasetDetail, diffVersions, getVersion, listComments, listDatasets, listEvents, listVersions,
  previewHtml, saveDataset,
} from '../app/datasets.js';
import { AppError } from '../app/errors.js';
import { importWorkbook, XlsxImportError } from '../app/import.js';
import { getBundleFile, getJob, getJobFile, listBundles, RENDER_FORMATS, requestRender } from '../app/publication.js';
import { act } from '../app/workflow.js';
import type { Store } from '../store/types.js';
import { authOf, clearSessionCookie, LoginLimiter, setSessionCookie, type Access } from './session.js';
import { SESSION_COOKIE } from '../api/contract.js';

export interface RouteOptions {
  store: Store;
  limiter: LoginLimiter;
  /** Secure cookies: always (true), never (false) or when the request came over https (undefined). */
  secureCookies?: boolean;
}

const id = { type: 'integer', minimum: 1 } as const;
const idParams = { type: 'object', required: ['id'], properties: { id } } as const;
const nullableId = { anyOf: [id, { type: 'null' }] } as const;
const text = (max: number, min = 0) => ({ type: 'string', minLength: min, maxLength: max }) as const;
const nullableText = (max: number) => ({ anyOf: [{ type: 'string', maxLength: max }, { type: 'null' }] }) as const;
const object = { type: 'object' } as const;

const doc = (summary: string, tags: string[], extra: Record<string, unknown> = {}) => ({ summary, tags, ...extra });

export function registerRoutes(app: FastifyInstance, o: RouteOptions): void {
  const { store, limiter } = o;
  const access = (a: Access) => ({ access: a });
  const user = (request: FastifyRequest) => authOf(request).user;
  const secure = (request: FastifyRequest) => o.secureCookies ?? request.protocol === 'https';

  // ---- sessions
  app.post('/api/login', {
    config: access('public'),
    schema: {
      ...doc('登录', ['账号']),
      body: { type: 'object', required: ['username', 'password'], properties: { username: text(64, 1), password: text(200, 1) } },
    },
  }, async (request, reply) => {
    const { username, password } = request.body as { username: string; password: string };
    if (limiter.blocked(request.ip, username)) throw new AppError('rate_limited', '登录尝试过于频繁，请稍后再试');
    try {
      const r = await login(store, username, password);
      limiter.succeed(request.ip, username);
      setSessionCookie(reply, r.token, secure(request));
      return meOf(r.user, r.session);
    } catch (e) {
      if (e instanceof AppError && e.kind === 'unauthenticated') limiter.fail(request.ip, username);
      throw e;
    }
  });

  app.post('/api/logout', { config: access('user'), schema: doc('退出登录', ['账号']) }, async (request, reply) => {
    await logout(store, request.cookies[SESSION_COOKIE]);
    clearSessionCookie(reply, secure(request));
    return reply.status(204).send();
  });

  app.get('/api/me', { config: access('user'), schema: doc('当前用户', ['账号']) }, async (request) => {
    const a = authOf(request);
    return meOf(a.user, a.session);
  });

  // ---- regions, organisations, users
  app.get('/api/regions', { config: access('user'), schema: doc('地区', ['机构']) }, async () => store.listRegions());

  app.get('/api/organisations', { config: access('user'), schema: doc('可见的单位', ['机构']) }, async (request) => listOrganisations(store, user(request)));

  app.post('/api/organisations', {
    config: access(['admin']),
    schema: {
      ...doc('新增单位（管理员）', ['机构']),
      body: {
        type: 'object', required: ['code', 'name', 'kind', 'regionId'], additionalProperties: false,
        properties: { code: text(64, 1), name: text(200, 1), kind: { type: 'string', enum: ['部门', '单位'] }, parentId: nullableId, regionId: id },
      },
    },
  }, async (request) => {
    const b = request.body as { code: string; name: string; kind: '部门' | '单位'; parentId?: number | null; regionId: number };
    return addOrganisation(store, user(request), { code: b.code, name: b.name, kind: b.kind, parentId: b.parentId ?? null, regionId: b.regionId });
  });

  app.get('/api/users', { config: access(['admin']), schema: doc('用户（管理员）', ['用户']) }, async (request) => listUsers(store, user(request)));

  const role = { type: 'string', enum: [...ROLES] } as const;
  app.post('/api/users', {
    config: access(['admin']),
    schema: {
      ...doc('新增用户（管理员）', ['用户']),
      body: {
        type: 'object', required: ['username', 'displayName', 'password', 'role'], additionalProperties: false,
        properties: { username: text(64, 1), displayName: text(100, 1), password: text(200, 1), role, orgId: nullableId, regionId: nullableId },
      },
    },
  }, async (request) => {
    const b = request.body as { username: string; displayName: string; password: string; role: Role; orgId?: number | null; regionId?: number | null };
    return addUser(store, user(request), { ...b, orgId: b.orgId ?? null, regionId: b.regionId ?? null });
  });

  app.patch('/api/users/:id', {
    config: access(['admin']),
    schema: {
      ...doc('修改用户（管理员）：姓名、密码、角色、单位、地区、停用', ['用户']),
      params: idParams,
      body: {
        type: 'object', additionalProperties: false,
        properties: { displayName: text(100, 1), password: text(200, 1), role, orgId: nullableId, regionId: nullableId, disabled: { type: 'boolean' } },
      },
    },
  }, async (request) => {
    const { id: userId } = request.params as { id: number };
    return updateUser(store, user(request), userId, request.body as Parameters<typeof updateUser>[3]);
  });

  // ---- datasets
  app.get('/api/datasets', {
    config: access('user'),
    schema: {
      ...doc('可见的数据集', ['数据']),
      querystring: { type: 'object', properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 }, status: { type: 'string', enum: [...STATUSES] } } },
    },
  }, async (request) => {
    const q = request.query as { year?: number; status?: Status };
    return listDatasets(store, user(request), { ...(q.year !== undefined ? { year: q.year } : {}), ...(q.status ? { status: q.status } : {}) });
  });

  app.post('/api/datasets', {
    config: access(['filler']),
    schema: {
      ...doc('新建本单位某年度的数据（填报人）', ['数据']),
      body: {
        type: 'object', required: ['year'], additionalProperties: false,
        properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 }, from: { type: 'string', enum: ['empty', 'previous'] } },
      },
    },
  }, async (request, reply) => {
    const b = request.body as { year: number; from?: 'empty' | 'previous' };
    return reply.status(201).send(await createDataset(store, user(request), b));
  });

  app.get('/api/datasets/:id', { config: access('user'), schema: { ...doc('数据集详情', ['数据']), params: idParams } }, async (request) => {
    return datasetDetail(store, user(request), (request.params as { id: number }).id);
  });

  app.put('/api/datasets/:id', {
    config: access(['filler']),
    schema: {
      ...doc('保存新版本（填报人）：baseVersion 不是最新版时 409', ['数据']),
      params: idParams,
      body: { type: 'object', required: ['baseVersion', 'data'], properties: { baseVersion: id, data: object, note: nullableText(500) } },
    },
  }, async (request) => {
    const b = request.body as { baseVersion: number; data: unknown; note?: string | null };
    return saveDataset(store, user(request), (request.params as { id: number }).id, b);
  });

  app.post('/api/datasets/:id/check', {
    config: access('user'),
    schema: { ...doc('审核未保存的数据（不保存）', ['数据']), params: idParams, body: { type: 'object', required: ['data'], properties: { data: object } } },
  }, async (request) => checkDataset(store, user(request), (request.params as { id: number }).id, (request.body as { data: unknown }).data));

  app.get('/api/datasets/:id/versions', { config: access('user'), schema: { ...doc('版本列表', ['数据']), params: idParams } }, async (request) =>
    listVersions(store, user(request), (request.params as { id: number }).id));

  app.get('/api/datasets/:id/versions/:v', {
    config: access('user'),
    schema: { ...doc('某一版本', ['数据']), params: { type: 'object', required: ['id', 'v'], properties: { id, v: id } } },
  }, async (request) => {
    const p = request.params as { id: number; v: number };
    return getVersion(store, user(request), p.id, p.v);
  });

  app.get('/api/datasets/:id/diff', {
    config: access('user'),
    schema: {
      ...doc('两个版本之间的改动', ['数据']),
      params: idParams,
      querystring: { type: 'object', required: ['from', 'to'], properties: { from: id, to: id } },
    },
  }, async (request) => {
    const q = request.query as { from: number; to: number };
    return diffVersions(store, user(request), (request.params as { id: number }).id, q.from, q.to);
  });

  app.get('/api/datasets/:id/events', { config: access('user'), schema: { ...doc('流转记录', ['流程']), params: idParams } }, async (request) =>
    listEvents(store, user(request), (request.params as { id: number }).id));

  app.get('/api/datasets/:id/comments', { config: access('user'), schema: { ...doc('审核意见', ['流程']), params: idParams } }, async (request) =>
    listComments(store, user(request), (request.params as { id: number }).id));

  app.post('/api/datasets/:id/comments', {
    config: access(['unit_reviewer', 'finance_reviewer']),
    schema: {
      ...doc('添加审核意见（审核人）', ['流程']),
      params: idParams,
      body: { type: 'object', required: ['path', 'body'], additionalProperties: false, properties: { path: text(300), body: text(2000, 1) } },
    },
  }, async (request, reply) => {
    const b = request.body as { path: string; body: string };
    return reply.status(201).send(await addComment(store, user(request), (request.params as { id: number }).id, b));
  });

  app.post('/api/datasets/:id/actions/:action', {
    config: access('user'),
    // An action with nothing to add (an approval) may come without a body.
    preValidation: async (request) => {
      request.body ??= {};
    },
    schema: {
      ...doc('流程操作：提交、审核通过、退回、公开、发起更正', ['流程']),
      params: { type: 'object', required: ['id', 'action'], properties: { id, action: { type: 'string', enum: [...ACTIONS] } } },
      body: {
        type: 'object', additionalProperties: false,
        properties: {
          comment: nullableText(2000),
          explanations: { type: 'object', additionalProperties: { type: 'string', maxLength: 2000 }, maxProperties: 2000 },
          correctionNote: nullableText(2000),
          fieldComments: {
            type: 'array', maxItems: 200,
            items: { type: 'object', required: ['path', 'body'], additionalProperties: false, properties: { path: text(300), body: text(2000, 1) } },
          },
        },
      },
    },
  }, async (request, reply) => {
    const p = request.params as { id: number; action: Action };
    const r = await act(store, user(request), p.id, p.action, (request.body ?? {}) as Parameters<typeof act>[4]);
    if (r.kind === 'job') return reply.status(202).send({ job: r.job });
    return r.detail;
  });

  app.get('/api/datasets/:id/preview', {
    config: access('user'),
    schema: { ...doc('报告预览（HTML；未通过审核时标明草稿）', ['数据']), params: idParams },
  }, async (request, reply) => {
    const html = await previewHtml(store, user(request), (request.params as { id: number }).id);
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:")
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(html));
  });

  app.post('/api/datasets/:id/render', {
    config: access('user'),
    schema: {
      ...doc('生成文件（后台任务）', ['文件']),
      params: idParams,
      body: { type: 'object', required: ['format'], additionalProperties: false, properties: { format: { type: 'string', enum: [...RENDER_FORMATS] } } },
    },
  }, async (request, reply) => {
    const job = await requestRender(store, user(request), (request.params as { id: number }).id, (request.body as { format: string }).format);
    return reply.status(202).send({ job });
  });

  // ---- import
  app.post('/api/import', {
    config: access(['filler']),
    schema: { ...doc('导入 Excel 工作簿（预览，不保存）：multipart 表单，字段 file（.xlsx，不超过 10 MB）与 year', ['数据']), consumes: ['multipart/form-data'] },
  }, async (request) => {
    if (!request.isMultipart()) throw new AppError('unsupported_type', '请以表单（multipart/form-data）上传 .xlsx 文件');
    let file: { name: string; bytes: Buffer } | undefined;
    let year: number | undefined;
    for await (const part of request.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          await part.toBuffer();
          throw new AppError('bad_request', '上传的文件应放在字段 file 中', { file: '缺少文件' });
        }
        if (!/\.xlsx$/i.test(part.filename)) {
          await part.toBuffer();
          throw new AppError('unsupported_type', `只能上传 Excel 工作簿（.xlsx），“${part.filename}”不是`);
        }
        file = { name: part.filename, bytes: await part.toBuffer() };
      } else if (part.fieldname === 'year') {
        const y = Number(part.value);
        if (!Number.isInteger(y) || y < 2000 || y > 2100) throw new AppError('bad_request', '年度应在2000至2100之间', { year: '年度应在2000至2100之间' });
        year = y;
      }
    }
    if (!file) throw new AppError('bad_request', '请选择要上传的 .xlsx 文件', { file: '请选择要上传的 .xlsx 文件' });
    // An .xlsx is a zip: it starts with PK\3\4.
    if (file.bytes.length < 4 || file.bytes.readUInt32BE(0) !== 0x504b0304) {
      throw new AppError('unsupported_type', `“${file.name}”不是有效的 Excel 工作簿（.xlsx）：文件内容不是 xlsx 格式`);
    }
    try {
      const r = await importWorkbook(new Uint8Array(file.bytes), { fileName: file.name });
      const data: Record<string, unknown> = { ...r.dataset };
      if (year !== undefined && data.year === undefined) data.year = year;
      return { data, read: r.read, missing: r.missing, problems: r.problems };
    } catch (e) {
      if (e instanceof XlsxImportError) throw new AppError('bad_request', e.message, { file: e.message });
      throw e;
    }
  });

  // ---- jobs and bundles
  app.get('/api/jobs/:id', { config: access('user'), schema: { ...doc('任务状态', ['文件']), params: idParams } }, async (request) =>
    getJob(store, user(request), (request.params as { id: number }).id));

  const fileParams = { type: 'object', required: ['id', 'name'], properties: { id, name: text(300, 1) } } as const;
  const sendFile = (reply: FastifyReply, f: { name: string; mediaType: string; sha256: string; data: Uint8Array }) =>
    reply
      .type(f.mediaType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
      .header('x-sha256', f.sha256)
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(f.data));

  app.get('/api/jobs/:id/files/:name', { config: access('user'), schema: { ...doc('下载任务生成的文件', ['文件']), params: fileParams } }, async (request, reply) => {
    const p = request.params as { id: number; name: string };
    return sendFile(reply, await getJobFile(store, user(request), p.id, p.name));
  });

  app.get('/api/bundles', {
    config: access('user'),
    schema: { ...doc('公开文件包', ['文件']), querystring: { type: 'object', properties: { datasetId: id } } },
  }, async (request) => {
    const q = request.query as { datasetId?: number };
    return listBundles(store, user(request), q.datasetId !== undefined ? { datasetId: q.datasetId } : {});
  });

  app.get('/api/bundles/:id/files/:name', { config: access('user'), schema: { ...doc('下载公开文件（响应头 x-sha256）', ['文件']), params: fileParams } }, async (request, reply) => {
    const p = request.params as { id: number; name: string };
    return sendFile(reply, await getBundleFile(store, user(request), p.id, p.name));
  });
}
