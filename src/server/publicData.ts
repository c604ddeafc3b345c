/**
 * Published figures over HTTP (issue 14 parts 4 and 5):
 *
 * - /api/public/… — open data, no login, GET only: the facts of current
 *   published editions (JSON or CSV, streamed), a region-year's bulk CSV, and
 *   the list of published reports with their files' SHA-256. CORS open to any
 *   origin; cacheable for five minutes.
 * - /api/summary — the finance bureau's 汇总 over its region's published units.
 */
import type {} from '@fastify/swagger';
import type { FastifyInstance, FastifyReply, onSendHookHandler } from 'fastify';
import { Readable } from 'node:stream';
import { factFilter, publicFactsCsv, publicFactsJson, publicReports, regionIdsOf, type FactQuery } from '../app/opendata.js';
import { summary, summaryCsv, summaryFileName, summaryXlsx } from '../app/summary.js';
import type { Store } from '../store/types.js';
import { authOf } from './session.js';

const year = { type: 'integer', minimum: 2000, maximum: 2100 } as const;
const code = { type: 'string', minLength: 1, maxLength: 64 } as const;
const doc = (summary: string, tags: string[], extra: Record<string, unknown> = {}) => ({ summary, tags, ...extra });

/** Open data: readable from any origin, cached briefly (a correction shows within minutes); errors are not cached. */
const openHeaders: onSendHookHandler = async (_request, reply, payload) => {
  reply.header('access-control-allow-origin', '*');
  if (reply.statusCode === 200) reply.header('cache-control', 'public, max-age=300');
  return payload;
};

const stream = (reply: FastifyReply, type: string, chunks: AsyncIterable<string>, filename?: string) => {
  reply.type(type);
  if (filename) reply.header('content-disposition', `attachment; filename="${encodeURIComponent(filename)}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  return reply.send(Readable.from(chunks));
};

export function registerPublicData(app: FastifyInstance, o: { store: Store }): void {
  const { store } = o;
  const open = { config: { access: 'public' as const }, onSend: openHeaders };

  app.get('/api/public/facts', {
    ...open,
    schema: doc('公开数据：已公开报告的数字（JSON 或 CSV）', ['开放数据'], {
      description: '只含已公开且未被更正的版次；草稿、已提交、审核中和审核通过但未公开的数字一律不出现。金额为万元的精确小数字符串。至少指定 region、unit、year 之一。',
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          region: { ...code, description: '地区代码（含下级地区）' },
          year: { ...year, description: '报告年度' },
          unit: { ...code, description: '单位代码' },
          concept: { type: 'string', minLength: 1, maxLength: 500, description: '指标代码，可用逗号分隔多个' },
          format: { type: 'string', enum: ['json', 'csv'] },
        },
      },
    }),
  }, async (request, reply) => {
    const q = request.query as FactQuery & { format?: 'json' | 'csv' };
    const filter = await factFilter(store, q);
    const facts = store.streamFacts(filter);
    return q.format === 'csv'
      ? stream(reply, 'text/csv; charset=utf-8', publicFactsCsv(facts), 'facts.csv')
      : stream(reply, 'application/json; charset=utf-8', publicFactsJson(facts));
  });

  app.get('/api/public/regions/:code/:year.csv', {
    ...open,
    schema: doc('公开数据：一个地区（含下级地区）一个年度的全部已公开数字（CSV 下载）', ['开放数据'], {
      params: { type: 'object', required: ['code', 'year'], properties: { code, year } },
    }),
  }, async (request, reply) => {
    const p = request.params as { code: string; year: number };
    const regionIds = await regionIdsOf(store, p.code);
    return stream(reply, 'text/csv; charset=utf-8', publicFactsCsv(store.streamFacts({ regionIds, year: p.year })), `${p.code}-${p.year}.csv`);
  });

  app.get('/api/public/reports', {
    ...open,
    schema: doc('公开数据：已公开的报告（各版次、文件及其 SHA-256，已更正的版次有标记）', ['开放数据'], {
      querystring: { type: 'object', additionalProperties: false, properties: { region: code, year, unit: code } },
    }),
  }, async (request) => publicReports(store, request.query as { region?: string; year?: number; unit?: string }));

  app.get('/api/summary', {
    config: { access: ['finance_reviewer', 'admin'] as const },
    schema: doc('汇总：本地区（含下级地区）已公开单位的决算数合计与各单位状态（财政审核人、管理员）', ['汇总'], {
      description: '合计只含已公开且未被更正的版次，精确到分（万元的精确小数字符串）。财政审核人默认为本人所属地区，只可查看本地区及下级地区；管理员不指定地区时为全部地区。format=xlsx 或 csv 下载。',
      querystring: {
        type: 'object', required: ['year'], additionalProperties: false,
        properties: { year, region: { ...code, description: '地区代码（含下级地区）' }, format: { type: 'string', enum: ['json', 'xlsx', 'csv'] } },
      },
    }),
  }, async (request, reply) => {
    const q = request.query as { year: number; region?: string; format?: 'json' | 'xlsx' | 'csv' };
    const s = await summary(store, authOf(request).user, q);
    const attach = (name: string) => reply.header('content-disposition', `attachment; filename="${encodeURIComponent(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`);
    if (q.format === 'xlsx') {
      attach(summaryFileName(s, 'xlsx'));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(Buffer.from(await summaryXlsx(s)));
    }
    if (q.format === 'csv') {
      attach(summaryFileName(s, 'csv'));
      return reply.type('text/csv; charset=utf-8').send(summaryCsv(s));
    }
    return s;
  });
}
