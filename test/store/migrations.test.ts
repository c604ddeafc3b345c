/** Opening a store: migrations, schemas, and a PGlite data folder that keeps its data. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSchemaName, type Db } from '../../src/store/db.js';
import { openStore, type Store } from '../../src/store/index.js';
import { migrate } from '../../src/store/migrate.js';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { engines, onServer, PG_URL, randomSchema, setupOnce, SKIP_PG } from './engines.js';
import { dataset, seed } from './seed.js';

describe.each(engines())('$name: migrations', (engine) => {
  let store: Store;
  let db: Db;
  setupOnce(async () => { ({ store, db } = await engine.openWithDb()); });
  afterAll(() => engine.cleanup());

  it('applies every migration once; running them again changes nothing', async () => {
    const recorded = await db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(recorded.map((r) => [r.version, r.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
    const s = await seed(store);
    expect(await migrate(db)).toEqual([]);
    expect(await db.query('SELECT version FROM schema_migrations')).toHaveLength(MIGRATIONS.length);
    expect(await store.getUser(s.filler.id)).toEqual(s.filler);
  });

  it('refuses to run against a database migrated by a newer program', async () => {
    await expect(migrate(db, [])).rejects.toThrow(/比本程序新/);
  });

  it('runs each store in its own schema', async () => {
    const rows = await db.query<{ s: string }>('SELECT current_schema() AS s');
    expect(rows[0]!.s).toBe(engine.options.schema ?? 'public');
  });
});

if (!SKIP_PG) describe('postgres: two processes opening one new schema together', () => {
  const schema = randomSchema();
  afterAll(() => onServer((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)));

  it('migrates it once (the advisory lock queues the second), and both stores work', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => openStore({ databaseUrl: PG_URL, schema })));
    try {
      const n = await onServer((c) => c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.schema_migrations`));
      expect(n.rows[0]!.n).toBe(MIGRATIONS.length);
      const s = await seed(stores[0]!);
      expect(await stores[2]!.getOrganisation(s.org.id)).toEqual(s.org);
    } finally {
      for (const st of stores) await st.close();
    }
  });
});

describe('schema names', () => {
  it('accepts plain lowercase names and refuses anything that could break out of SQL', async () => {
    expect(checkSchemaName('public')).toBe('public');
    expect(checkSchemaName('juesuan_2024')).toBe('juesuan_2024');
    for (const bad of ['', 'Public', '1abc', 'a-b', 'a;drop schema public', 'a"b', 'pg_catalog', 'x'.repeat(64)]) {
      expect(() => checkSchemaName(bad), bad).toThrow(/无效的数据库 schema 名称/);
    }
    await expect(openStore({ schema: 'bad name' })).rejects.toThrow(/无效的数据库 schema 名称/);
  });
});

describe('pglite: a data folder', () => {
  const parent = mkdtempSync(join(tmpdir(), 'juesuan-store-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('is created when missing and keeps its data across close and reopen', async () => {
    const dataDir = join(parent, 'nested', 'data');
    const first = await openStore({ dataDir });
    expect(first.engine).toBe('pglite');
    const s = await seed(first);
    const d = await first.createDataset({ orgId: s.org.id, year: 2024, data: dataset(2024, '88.80'), findings: [], userId: s.filler.id });
    const v2 = await first.saveVersion(d.id, { baseVersion: 1, data: dataset(2024, '99.90'), findings: [], userId: s.filler.id });
    await first.close();

    const again = await openStore({ dataDir });
    try {
      expect(await again.getUser(s.filler.id)).toEqual(s.filler);
      expect(await again.getDataset(d.id)).toMatchObject({ version: 2 });
      expect(await again.getVersion(d.id, 2)).toEqual(v2);
      expect(await again.getVersion(d.id, 1)).toMatchObject({ data: dataset(2024, '88.80') });
      // A second opener while it is open would silently lose data: refused.
      await expect(openStore({ dataDir })).rejects.toThrow(new RegExp(`正被另一个进程（pid ${process.pid}）使用`));
      expect(await again.countUsers()).toBe(2);
    } finally {
      await again.close();
    }
    expect(existsSync(join(dataDir, 'juesuan.lock'))).toBe(false);
  });

  it('takes over the lock of a process that is gone', async () => {
    const dataDir = join(parent, 'stale');
    await (await openStore({ dataDir })).close();
    // A pid no process has: a lock left behind by a killed server.
    writeFileSync(join(dataDir, 'juesuan.lock'), '2147483646\n');
    const store = await openStore({ dataDir });
    try {
      expect(readFileSync(join(dataDir, 'juesuan.lock'), 'utf8').trim()).toBe(String(process.pid));
    } finally {
      await store.close();
    }
  });
});
