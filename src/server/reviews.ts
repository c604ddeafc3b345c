/**
 * /api/reviews: a finance bureau's reviewer uploads reports published outside
 * the system and reads their audit (issue 14 part 6). 财政审核人 and 管理员
 * only; which batches each sees is decided in src/app/reviews.ts.
 */
import type {} from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_REVIEW_FILES, MAX_REVIEW_UPLOAD_BYTES, MAX_UPLOAD_BYTES } from '../api/contract.js';
import { AppError } from '../app/errors.js';
import { getReview, getReviewFile, listReviews, reviewFindingsXlsx, uploadForReview, type UploadedFile } from '../app/reviews.js';
import type { Store } from '../store/types.js';
import { authOf } from './session.js';

const id = { type: 'integer', minimum: 1 } as const;
const doc = (summary: string, extra: Record<string, unknown> = {}) => ({ summary, tags: ['外部报告审核'], ...extra });
const REVIEWERS = ['finance_reviewer', 'admin'] as const;

const MB = 1024 * 1024;
const TOO_LARGE = `上传内容过大：每个文件不超过 ${MAX_UPLOAD_BYTES / MB} MB，一次最多 ${MAX_REVIEW_FILES} 个文件、共 ${MAX_REVIEW_UPLOAD_BYTES / MB} MB`;

/** The multipart body's files (fields `files` or `file`) and the optional `name`, within the limits. */
async function readUpload(request: FastifyRequest): Promise<{ files: UploadedFile[]; name?: string }> {
  if (!request.isMultipart()) throw new AppError('unsupported_type', '请以表单（multipart/form-data）上传报告文件');
  const files: UploadedFile[] = [];
  let name: string | undefined;
  let total = 0;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: MAX_REVIEW_FILES, fields: 5, fieldSize: 1000 } })) {
      if (part.type === 'file') {
        const data = await part.toBuffer();
        if (part.file.truncated) throw new AppError('too_large', `“${part.filename}”超过 ${MAX_UPLOAD_BYTES / MB} MB`);
        total += data.byteLength;
        if (total > MAX_REVIEW_UPLOAD_BYTES) throw new AppError('too_large', TOO_LARGE);
        if (part.fieldname !== 'files' && part.fieldname !== 'file') throw new AppError('bad_request', '上传的文件应放在字段 files 中', { files: '缺少文件' });
        if (data.byteLength === 0) continue;
        files.push({ name: (part.filename || '未命名文件').slice(0, 300), data: new Uint8Array(data) });
      } else if (part.fieldname === 'name' && typeof part.value === 'string') {
        name = part.value.slice(0, 300);
      }
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new AppError('too_large', TOO_LARGE);
    }
    throw e;
  }
  return { files, ...(name ? { name } : {}) };
}

export function registerReviewRoutes(app: FastifyInstance, o: { store: Store }): void {
  const { store } = o;
  const config = { access: REVIEWERS };
  const user = (request: FastifyRequest) => authOf(request).user;

  app.post('/api/reviews', {
    config,
    schema: doc(`上传外部报告审核（财政审核人、管理员）：multipart 表单，字段 files 可重复（.pdf .docx .html .htm .txt 或 .zip；每个不超过 10 MB，一次最多 ${MAX_REVIEW_FILES} 个、共 30 MB），可选字段 name`, { consumes: ['multipart/form-data'] }),
  }, async (request, reply) => {
    const { files, name } = await readUpload(request);
    return reply.status(202).send(await uploadForReview(store, user(request), files, name));
  });

  app.get('/api/reviews', { config, schema: doc('外部报告审核批次（本地区及下级地区的财政审核人上传的；管理员为全部）') }, async (request) =>
    listReviews(store, user(request)));

  app.get('/api/reviews/:id', {
    config,
    schema: doc('一个审核批次：各文件的状态和问题数', { params: { type: 'object', required: ['id'], properties: { id } } }),
  }, async (request) => getReview(store, user(request), (request.params as { id: number }).id));

  app.get('/api/reviews/:id/files/:fileId', {
    config,
    schema: doc('一个文件的审核结果：读出的全文和每个问题的引文位置（PDF 含页码）', { params: { type: 'object', required: ['id', 'fileId'], properties: { id, fileId: id } } }),
  }, async (request) => {
    const p = request.params as { id: number; fileId: number };
    return getReviewFile(store, user(request), p.id, p.fileId);
  });

  app.get('/api/reviews/:id/findings.xlsx', {
    config,
    schema: doc('一个审核批次的全部问题（Excel）', { params: { type: 'object', required: ['id'], properties: { id } } }),
  }, async (request, reply) => {
    const f = await reviewFindingsXlsx(store, user(request), (request.params as { id: number }).id);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="${encodeURIComponent(f.name)}"; filename*=UTF-8''${encodeURIComponent(f.name)}`)
      .send(Buffer.from(f.data));
  });
}
