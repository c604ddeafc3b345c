/**
 * Every error the API sends is `ApiError` JSON with a Chinese message: the
 * services' AppError, the store's conflicts, Fastify's validation and body
 * errors, and anything unexpected (logged, never shown: no stack trace leaves
 * the server).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from '../api/contract.js';
import { AppError, type AppErrorKind } from '../app/errors.js';
import { versionDetail } from '../app/datasets.js';
import { Duplicate, StateConflict, VersionConflict } from '../store/types.js';
import { STATUS_LABELS } from '../api/contract.js';

export const STATUS_OF: Record<AppErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_type: 415,
  not_passing: 422,
  rate_limited: 429,
};

type Body = ApiError & Record<string, unknown>;

const TYPE_NAMES: Record<string, string> = {
  string: '文字', number: '数字', integer: '整数', object: '对象', array: '列表', boolean: '是/否', null: '空值',
};

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** `/a/0/b` → `a[0].b` (the form's field names). */
function fieldOf(instancePath: string, extra?: string): string {
  const segs = instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) segs.push(extra);
  let out = '';
  for (const s of segs) out += /^\d+$/.test(s) ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

function issueMessage(i: AjvIssue): { field: string; message: string } {
  const p = i.params;
  switch (i.keyword) {
    case 'required':
      return { field: fieldOf(i.instancePath, String(p.missingProperty)), message: '缺少此项（必填）' };
    case 'type': {
      const types = String(p.type).split(',').map((t) => TYPE_NAMES[t] ?? t);
      return { field: fieldOf(i.instancePath), message: `应为${types.join('或')}` };
    }
    case 'minLength':
      return { field: fieldOf(i.instancePath), message: Number(p.limit) === 1 ? '不能为空' : `至少应有${String(p.limit)}个字符` };
    case 'maxLength':
      return { field: fieldOf(i.instancePath), message: `最多${String(p.limit)}个字符` };
    case 'minimum':
      return { field: fieldOf(i.instancePath), message: `应不小于${String(p.limit)}` };
    case 'maximum':
      return { field: fieldOf(i.instancePath), message: `应不大于${String(p.limit)}` };
    case 'minItems':
      return { field: fieldOf(i.instancePath), message: `至少应有${String(p.limit)}项` };
    case 'maxItems':
      return { field: fieldOf(i.instancePath), message: `最多${String(p.limit)}项` };
    case 'enum':
      return { field: fieldOf(i.instancePath), message: `应为以下之一：${(p.allowedValues as unknown[]).map(String).join('、')}` };
    case 'additionalProperties':
      return { field: fieldOf(i.instancePath, String(p.additionalProperty)), message: '不认识的字段' };
    case 'maxProperties':
      return { field: fieldOf(i.instancePath), message: `最多${String(p.limit)}项` };
    default:
      return { field: fieldOf(i.instancePath), message: '格式不正确' };
  }
}

const WHERE: Record<string, string> = { body: '请求内容', querystring: '查询参数', params: '路径参数', headers: '请求头' };

export function validationBody(issues: AjvIssue[], context: string | undefined): Body {
  const fields: Record<string, string> = {};
  for (const i of issues) {
    const { field, message } = issueMessage(i);
    const key = field || (context ?? 'body');
    fields[key] ??= message;
  }
  const [first] = Object.entries(fields);
  const where = WHERE[context ?? 'body'] ?? '请求内容';
  return { error: 'bad_request', message: first ? `${where}不正确：${first[0]} ${first[1]}` : `${where}不正确`, fields };
}

function send(reply: FastifyReply, status: number, body: Body): FastifyReply {
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

const GENERIC: Record<number, [string, string]> = {
  400: ['bad_request', '请求不正确'],
  401: ['unauthenticated', '请先登录'],
  403: ['forbidden', '您没有权限进行此操作'],
  404: ['not_found', '没有找到请求的内容'],
  405: ['bad_request', '不支持此请求方法'],
  406: ['unsupported_type', '请求的内容类型不正确'],
  409: ['conflict', '数据已变化，请刷新后重试'],
  413: ['too_large', `上传内容过大`],
  415: ['unsupported_type', '不支持的内容类型'],
  429: ['rate_limited', '请求过于频繁，请稍后再试'],
};

export function errorHandler(this: unknown, error: FastifyError & { validation?: AjvIssue[]; validationContext?: string }, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) {
    return send(reply, STATUS_OF[error.kind], {
      error: error.kind, message: error.message, ...(error.fields ? { fields: error.fields } : {}), ...(error.extra ?? {}),
    });
  }
  if (error.validation) return send(reply, 400, validationBody(error.validation, error.validationContext));
  if (error instanceof VersionConflict) {
    return send(reply, 409, { error: 'conflict', message: '数据已被他人更新，请在最新版本上修改', current: versionDetail(error.current) });
  }
  if (error instanceof StateConflict) {
    return send(reply, 409, { error: 'conflict', message: `状态已变为“${STATUS_LABELS[error.current]}”，请刷新后重试` });
  }
  if (error instanceof Duplicate) return send(reply, 409, { error: 'conflict', message: `${error.what}已存在` });
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return send(reply, 413, { error: 'too_large', message: '上传内容过大：文件不能超过 10 MB，且每次只能上传一个文件' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return send(reply, 415, { error: 'unsupported_type', message: '不支持的内容类型：请以 JSON 提交数据，以表单上传文件' });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return send(reply, 400, { error: 'bad_request', message: '请求内容为空：应为 JSON' });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return send(reply, 400, { error: 'bad_request', message: '请求内容不是有效的 JSON' });
    default:
      break;
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    if (error instanceof SyntaxError) return send(reply, 400, { error: 'bad_request', message: '请求内容不是有效的 JSON' });
    const [code, message] = GENERIC[status] ?? ['bad_request', '请求不正确'];
    return send(reply, status, { error: code, message });
  }
  request.log.error({ err: error }, 'internal error');
  return send(reply, 500, { error: 'internal', message: '服务器内部错误，请稍后重试；如果问题持续，请联系管理员' });
}
