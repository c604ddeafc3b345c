/**
 * The HTTP server: the /api routes of src/api/contract.ts over the services
 * of src/app, OpenAPI at /api/docs, and the browser app (dist/web) at / with
 * its pages falling back to index.html.
 */
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { API_PREFIX, MAX_UPLOAD_BYTES, type ApiError } from '../api/contract.js';
import type { Store } from '../store/types.js';
import { prepareLogin } from '../app/auth.js';
import { errorHandler } from './errors.js';
import { registerPortal } from './portal/index.js';
import { registerPublicData } from './publicData.js';
import { registerReviewRoutes } from './reviews.js';
import { registerRoutes } from './routes.js';
import { LoginLimiter, registerSessionHooks } from './session.js';

export interface ServerOptions {
  store: Store;
  /** Fastify's logger option (default: off). */
  logger?: FastifyServerOptions['logger'];
  /** The built browser app (index.html and assets); served at / when the folder exists. */
  webDir?: string;
  /** Secure cookies: always (true), never (false), or when the request came over https (default). */
  secureCookies?: boolean;
  /** Trust X-Forwarded-* from a reverse proxy (for the client's IP and https). */
  trustProxy?: boolean;
  /** The failed-login counter (tests pass their own clock). */
  limiter?: LoginLimiter;
  /** Told of every route as it is registered, the plugins' too (the tests' route table). */
  onRoute?: (route: { method: string; url: string }) => void;
}

export async function createServer(o: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: o.logger ?? false,
    trustProxy: o.trustProxy ?? false,
    // A dataset as JSON is well under 10 MB; the same bound as an upload.
    bodyLimit: MAX_UPLOAD_BYTES,
    routerOptions: { ignoreTrailingSlash: false },
  });
  if (o.onRoute) {
    const tell = o.onRoute;
    app.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) tell({ method, url: r.url });
    });
  }
  app.setErrorHandler(errorHandler);
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'juesuan 部门决算公开 API', version: '1', description: '部门决算公开与预算绩效自评：填报、审核、公开。所有错误均为 ApiError（中文 message）。' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'juesuan_session' }, csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: `${API_PREFIX}/docs` });
  // API answers hold a unit's figures and accounts: never cached, never sniffed as another type.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith(`${API_PREFIX}/`) && !request.url.startsWith(`${API_PREFIX}/docs`)) {
      reply.header('cache-control', 'no-store');
      reply.header('x-content-type-options', 'nosniff');
    }
  });
  await prepareLogin();
  registerSessionHooks(app, o.store);
  registerRoutes(app, { store: o.store, limiter: o.limiter ?? new LoginLimiter(), ...(o.secureCookies !== undefined ? { secureCookies: o.secureCookies } : {}) });
  registerPublicData(app, { store: o.store });
  registerReviewRoutes(app, { store: o.store });

  registerPortal(app, o.store);

  const webDir = o.webDir && existsSync(resolve(o.webDir, 'index.html')) ? resolve(o.webDir) : undefined;
  if (webDir) await app.register(fastifyStatic, { root: webDir, prefix: '/', wildcard: true, index: ['index.html'] });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    if (webDir && (request.method === 'GET' || request.method === 'HEAD') && path !== API_PREFIX && !path.startsWith(`${API_PREFIX}/`)) {
      // A page of the browser app (its router decides): index.html.
      return reply.type('text/html; charset=utf-8').sendFile('index.html', webDir);
    }
    const body: ApiError = { error: 'not_found', message: path.startsWith(API_PREFIX) ? '没有这个接口' : '页面不存在' };
    return reply.status(404).send(body);
  });
  return app;
}
