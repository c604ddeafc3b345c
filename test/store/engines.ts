/**
 * The two engines every store test runs against: PGlite in memory, and the
 * PostgreSQL server at JUESUAN_TEST_PG_URL (default below), each test file in
 * its own random schema, dropped afterwards, so files can run in parallel.
 *
 * The server is required: when it cannot be reached the tests fail with a
 * message saying so. JUESUAN_SKIP_PG=1 leaves it out deliberately.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { beforeAll, beforeEach } from 'vitest';
import { openPglite, openPostgres, type Db } from '../../src/store/db.js';
import { openStore, storeOn, type Store, type StoreOptions } from '../../src/store/index.js';
import { migrate } from '../../src/store/migrate.js';

export const PG_URL = process.env.JUESUAN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const SKIP_PG = process.env.JUESUAN_SKIP_PG === '1';

export interface TestEngine {
  readonly name: 'pglite' | 'postgres';
  /**
   * A store on this engine's test database. On the server every call opens
   * another pool on the same schema (as a second process would); PGlite in
   * memory gives a new, empty database each time.
   */
  open(): Promise<Store>;
  /** Like open(), also handing over the raw database (to try what the store never does). */
  openWithDb(): Promise<{ store: Store; db: Db }>;
  /** The options open() uses. */
  readonly options: StoreOptions;
  /** Closes every store open() returned and drops the server schema. */
  cleanup(): Promise<void>;
}

export function randomSchema(): string {
  return `test_${randomBytes(6).toString('hex')}`;
}

/** Runs `sql` on the test server outside any store (dropping schemas, inspecting). */
export async function onServer<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Drops a test's schema on the server (its name comes from randomSchema or the like, never from input). */
export async function dropSchema(schema: string): Promise<void> {
  await onServer((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
}

function engine(name: 'pglite' | 'postgres', options: StoreOptions): TestEngine {
  const opened: Store[] = [];
  const explain = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      if (name !== 'postgres') throw e;
      throw new Error(
        `The PostgreSQL test server ${PG_URL} could not be used: ${(e as Error).message}\n` +
        'Start it (trust auth, database "test"), point JUESUAN_TEST_PG_URL at one, ' +
        'or set JUESUAN_SKIP_PG=1 to test PGlite only.',
        { cause: e },
      );
    }
  };
  return {
    name,
    options,
    async open() {
      const store = await explain(() => openStore(options));
      opened.push(store);
      return store;
    },
    async openWithDb() {
      const schema = options.schema ?? 'public';
      const db = await explain(() => (options.databaseUrl ? openPostgres(options.databaseUrl, schema) : openPglite(options.dataDir, schema)));
      await migrate(db);
      const store = storeOn(db);
      opened.push(store);
      return { store, db };
    },
    async cleanup() {
      const used = opened.length > 0;
      for (const s of opened.splice(0)) await s.close().catch(() => {});
      if (name === 'postgres' && options.schema) {
        try {
          await onServer((c) => c.query(`DROP SCHEMA IF EXISTS ${options.schema} CASCADE`));
        } catch (e) {
          if (used) throw e; // else the server was never reached, as the tests already say
        }
      }
    },
  };
}

/** A fresh pair of engines (for describe.each); the server one has a new schema. */
export function engines(): TestEngine[] {
  const list = [engine('pglite', {})];
  if (!SKIP_PG) list.push(engine('postgres', { databaseUrl: PG_URL, schema: randomSchema() }));
  return list;
}

/**
 * beforeAll that, when it fails (the server unreachable), fails every test of
 * the suite with its error instead of leaving them counted as skipped.
 */
export function setupOnce(fn: () => Promise<void>): void {
  let failure: unknown = null;
  beforeAll(async () => {
    try {
      await fn();
    } catch (e) {
      failure = e;
    }
  });
  beforeEach(() => {
    if (failure) throw failure;
  });
}
