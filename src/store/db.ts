/**
 * One small database interface over the two engines the store runs on:
 * PGlite (embedded PostgreSQL in WebAssembly, a data folder or memory) and a
 * PostgreSQL server through a node-postgres pool (DATABASE_URL).
 *
 * Everything above this file speaks `Queryable`: parameterised SQL in, plain
 * rows out. Transactions get their own `Queryable` (`tx`), which must be used
 * for every statement inside them: on PGlite a top-level query waits for the
 * running transaction, so using the outer `Db` inside `transaction()` would
 * wait forever.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type Row = Record<string, unknown>;

export interface QueryOptions {
  /**
   * Prepare the statement once per connection and reuse it (PostgreSQL server; PGlite ignores it): no parsing and,
   * once the server finds its generic plan as good, no planning per call. For the public pages' hot statements,
   * whose plans do not depend on the parameters' values.
   */
  prepared?: boolean;
}

export interface Queryable {
  /** One statement with `$1…` parameters (never values spliced into the SQL). */
  query<T extends Row = Row>(sql: string, params?: readonly unknown[], opts?: QueryOptions): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  readonly schema: string;
  /**
   * Runs `fn` in one transaction (READ COMMITTED): COMMIT when it resolves,
   * ROLLBACK when it throws. On PGlite transactions are serialised (one
   * connection); on a server each gets its own pooled connection.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema name goes into SQL text (it cannot be a bind parameter), so it is checked first. */
export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema) || schema.startsWith('pg_')) {
    throw new Error(`无效的数据库 schema 名称：${JSON.stringify(schema)}（只允许小写字母、数字和下划线，且不以数字或 pg_ 开头）`);
  }
  return schema;
}

/**
 * PGlite keeps no lock of its own, and a second process (or a second
 * instance in this one) opening the same folder silently loses data
 * (shared/stack.md, pitfall 6). So the folder holds `juesuan.lock` with the
 * owner's pid while open; a lock whose process is gone (killed) is taken over.
 * Returns the function that releases it.
 */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'juesuan.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => {
        try {
          if (readFileSync(file, 'utf8').trim() === String(process.pid)) unlinkSync(file);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let owner = NaN;
      try {
        owner = Number(readFileSync(file, 'utf8').trim());
      } catch {
        continue; // released meanwhile: try again
      }
      if (Number.isSafeInteger(owner) && owner > 0 && processAlive(owner)) {
        throw new Error(
          `数据目录 ${dataDir} 正被另一个进程（pid ${owner}）使用。内置数据库只能由一个进程打开：` +
          '请先停止该进程，多用户部署请用 DATABASE_URL 连接 PostgreSQL 服务器',
        );
      }
      try {
        unlinkSync(file); // its process is gone: a stale lock
      } catch {
        // someone else removed it first
      }
    }
  }
  throw new Error(`无法锁定数据目录 ${dataDir}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Embedded PostgreSQL: `dataDir` (created if missing, locked to this process while open) or memory. */
export async function openPglite(dataDir: string | undefined, schema: string): Promise<Db> {
  checkSchemaName(schema);
  let unlock = (): void => {};
  if (dataDir !== undefined) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  let pgl: PGlite | undefined;
  try {
    pgl = await PGlite.create(dataDir);
    // One connection, so the session's search_path holds for every later query.
    await pgl.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
  } catch (e) {
    await pgl?.close().catch(() => {});
    unlock();
    throw e;
  }
  const db = pgl;
  // PGlite's own transaction() and query() share one mutex: a transaction runs
  // alone and top-level queries wait for it, so callers never interleave.
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T extends Row>(sql: string, params: readonly unknown[] = []) {
      const r = await q.query<T>(sql, params as unknown[]);
      return r.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const top = wrap(db);
  return {
    engine: 'pglite',
    schema,
    query: top.query,
    exec: top.exec,
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    async close() {
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}

/** A PostgreSQL server: a pool whose every connection uses `schema`. */
export async function openPostgres(databaseUrl: string, schema: string): Promise<Db> {
  checkSchemaName(schema);
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    // Set at connection start-up, so no pooled connection ever runs without it.
    options: `-c search_path=${schema}`,
    max: 10,
  });
  // An idle client's error (server restart) must not crash the process; the
  // pool drops that client and the next query opens a new one.
  pool.on('error', () => {});
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end().catch(() => {});
    throw new Error(`无法连接数据库 ${redact(databaseUrl)}：${(e as Error).message}`, { cause: e });
  }
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T extends Row>(sql: string, params: readonly unknown[] = [], opts: QueryOptions = {}) {
      const r = opts.prepared
        ? await q.query<T>({ name: statementName(sql), text: sql, values: params as unknown[] })
        : await q.query<T>(sql, params as unknown[]);
      return r.rows;
    },
    async exec(sql: string) {
      // Without parameters node-postgres uses the simple protocol, which runs several statements.
      await q.query(sql);
    },
  });
  const top = wrap(pool);
  return {
    engine: 'postgres',
    schema,
    query: top.query,
    exec: top.exec,
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const out = await fn(wrap(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true; // the connection is gone: do not return it to the pool
        }
        throw e;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

const statementNames = new Map<string, string>();
/** A prepared statement's name: the same text, the same name (node-postgres refuses one name for two texts). */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) statementNames.set(sql, (name = `js_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`));
  return name;
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(DATABASE_URL)';
  }
}
