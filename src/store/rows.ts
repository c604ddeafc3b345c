/**
 * Conversions between database rows and the store's records, the same for
 * both engines: PGlite and node-postgres differ in how they hand back
 * timestamps (Date), bytea (Uint8Array vs Buffer) and bigint (number vs
 * string), so every value passes through one of these on the way out.
 */
import { Duplicate } from './types.js';

export function iso(v: unknown): string {
  const d = v instanceof Date ? v : new Date(String(v));
  if (Number.isNaN(d.getTime())) throw new Error(`invalid timestamp from the database: ${String(v)}`);
  return d.toISOString();
}

export function isoOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : iso(v);
}

export function int(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`not an integer from the database: ${String(v)}`);
  return n;
}

export function intOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : int(v);
}

export function str(v: unknown): string {
  if (typeof v !== 'string') throw new Error(`not a string from the database: ${String(v)}`);
  return v;
}

export function strOrNull(v: unknown): string | null {
  return v === null || v === undefined ? null : str(v);
}

/** A plain Uint8Array of its own (a pg Buffer may be a view into a shared slab). */
export function bytes(v: unknown): Uint8Array {
  if (!(v instanceof Uint8Array)) throw new Error('not bytea from the database');
  return new Uint8Array(v);
}

/** A Uint8Array as a parameter both drivers take for bytea. */
export function byteaParam(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/** A value for a `$n::jsonb` parameter (node-postgres would turn a JS array into a PostgreSQL array). */
export function jsonParam(v: unknown): string {
  return JSON.stringify(v);
}

/** The Chinese name of what a unique constraint protects, for `Duplicate`. */
const UNIQUE_WHAT: Record<string, string> = {
  users_username_key: '用户名',
  organisations_code_key: '组织代码',
  regions_code_key: '地区代码',
  datasets_org_year_key: '该单位该年度的数据',
  bundles_dataset_edition_key: '该公开版次',
  bundle_files_pkey: '同名文件',
  job_files_pkey: '同名文件',
  sessions_pkey: '会话',
};

interface PgError {
  code?: unknown;
  constraint?: unknown;
}

/** Runs `fn`; a unique violation (SQLSTATE 23505) comes out as `Duplicate`. */
export async function mapDuplicate<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const pe = e as PgError;
    if (pe && pe.code === '23505') {
      const what = typeof pe.constraint === 'string' ? UNIQUE_WHAT[pe.constraint] : undefined;
      throw new Duplicate(what ?? '该记录');
    }
    throw e;
  }
}

export class NotFound extends Error {
  constructor(what: string) {
    super(`${what}不存在`);
    this.name = 'NotFound';
  }
}
