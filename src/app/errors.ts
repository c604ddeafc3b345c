/**
 * The application services' typed error: an HTTP-neutral kind, a Chinese
 * message shown to the user as is, and optionally the form fields (dataset
 * paths or form names) it is about. The server maps the kind to a status.
 */
export type AppErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'not_passing'
  | 'too_large'
  | 'unsupported_type'
  | 'rate_limited';

export class AppError extends Error {
  constructor(
    readonly kind: AppErrorKind,
    message: string,
    readonly fields?: Record<string, string>,
    /** Extra JSON the client gets with the error (e.g. the current version on a conflict). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what}不存在`);
export const forbidden = (message = '您没有权限进行此操作'): AppError => new AppError('forbidden', message);
export const badRequest = (message: string, fields?: Record<string, string>): AppError => new AppError('bad_request', message, fields);
