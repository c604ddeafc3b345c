/** The /api client: JSON over fetch with the session cookie and the CSRF header. */
import { API_PREFIX, CSRF_HEADER, type ApiError } from '../../src/api/contract.js';

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** An error answer of the API (or of the network), its Chinese message shown as is. */
export class ApiException extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError & Record<string, unknown>,
  ) {
    super(body.message);
    this.name = 'ApiException';
  }
  get fields(): Record<string, string> {
    return this.body.fields ?? {};
  }
}

/** Called on 401 anywhere: the app goes back to 登录. */
let onUnauthenticated: () => void = () => {};
export function setOnUnauthenticated(f: () => void): void {
  onUnauthenticated = f;
}

async function errorOf(res: Response): Promise<ApiException> {
  let body: (ApiError & Record<string, unknown>) | undefined;
  try {
    const j: unknown = await res.json();
    if (j && typeof j === 'object' && typeof (j as ApiError).message === 'string') body = j as ApiError & Record<string, unknown>;
  } catch {
    // not JSON
  }
  return new ApiException(res.status, body ?? { error: 'internal', message: `服务器返回错误（HTTP ${res.status}），请稍后重试` });
}

export async function request<T>(method: string, path: string, body?: unknown, init: { form?: FormData; signal?: AbortSignal; keepalive?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;
  let payload: BodyInit | undefined;
  if (init.form) payload = init.form;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(API_PREFIX + path, { method, headers, body: payload ?? null, credentials: 'same-origin', signal: init.signal ?? null, keepalive: init.keepalive ?? false });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiException(0, { error: 'internal', message: '无法连接服务器，请检查网络后重试' });
  }
  if (!res.ok) {
    const err = await errorOf(res);
    if (res.status === 401 && path !== '/login') onUnauthenticated();
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('application/json')) return (await res.json()) as T;
  return (await res.text()) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown, o: { keepalive?: boolean } = {}) => request<T>('PUT', path, body, o),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, undefined, { form }),
};

/** The Chinese message of any error, for a message box. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiException) return e.message;
  if (e instanceof Error) return `出错了：${e.message}`;
  return '出错了，请稍后重试';
}
