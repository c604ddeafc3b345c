/**
 * Who is calling: the session cookie → the user (onRequest, before any body is
 * read), then the route's access rule, then CSRF on state-changing methods.
 * Order: 401 (not logged in) before 403 (CSRF, role).
 */
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_PREFIX, CSRF_HEADER, SESSION_COOKIE, type Role } from '../api/contract.js';
import { authenticate, csrfMatches, SESSION_TTL_MS, type Authenticated } from '../app/auth.js';
import { AppError } from '../app/errors.js';
import type { Store } from '../store/types.js';

/** A route's rule: 'public' (no login), 'user' (any logged-in user) or the roles allowed. */
export type Access = 'public' | 'user' | readonly Role[];

declare module 'fastify' {
  interface FastifyRequest {
    auth: Authenticated | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The logged-in user of a route that is not public (the hook has checked it). */
export function authOf(request: FastifyRequest): Authenticated {
  if (!request.auth) throw new AppError('unauthenticated', '请先登录');
  return request.auth;
}

export function registerSessionHooks(app: FastifyInstance, store: Store): void {
  app.decorateRequest('auth', null);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    // No such route: the not-found handler answers (404), whoever asks.
    if (request.is404) return;
    let access = request.routeOptions.config.access;
    if (access === undefined) {
      // Routes without a rule are the plugins': the OpenAPI docs and the browser app's files are public;
      // any other /api route that forgot its rule is for logged-in users, never open by accident.
      const route = request.routeOptions.url ?? '';
      const api = route === API_PREFIX || route.startsWith(`${API_PREFIX}/`);
      access = api && !route.startsWith(`${API_PREFIX}/docs`) ? 'user' : 'public';
    }
    if (access === 'public') return;
    request.auth = await authenticate(store, request.cookies[SESSION_COOKIE]);
    if (!request.auth) throw new AppError('unauthenticated', '请先登录（或登录已过期，请重新登录）');
    if (!SAFE.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (!csrfMatches(request.auth.session, typeof header === 'string' ? header : undefined)) {
        throw new AppError('forbidden', 'CSRF 校验失败，请刷新页面后重试');
      }
    }
    if (access !== 'user' && !access.includes(request.auth.user.role)) throw new AppError('forbidden', '您的角色没有权限进行此操作');
  });
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean): void {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: '/', maxAge: SESSION_TTL_MS / 1000 });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

/**
 * Failed logins per IP and username within a sliding minute: the sixth
 * attempt after five failures is refused (429) until the oldest failure is a
 * minute old. A successful login clears the count.
 */
export class LoginLimiter {
  private failures = new Map<string, number[]>();
  constructor(
    readonly max = 5,
    readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  blocked(key: string): boolean {
    return this.recent(key).length >= this.max;
  }

  fail(key: string): void {
    if (this.failures.size > 10_000) for (const k of [...this.failures.keys()]) this.recent(k);
    this.failures.set(key, [...this.recent(key), this.now()]);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}
