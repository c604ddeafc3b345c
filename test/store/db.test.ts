/** The Db adapters: transactions commit or roll back whole, and never interleave on PGlite's one connection. */
import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { engines, setupOnce } from './engines.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(engines())('$name: Db', (engine) => {
  let db: Db;
  const names = async () => (await db.query<{ name: string }>('SELECT name FROM scratch ORDER BY name')).map((r) => r.name);

  setupOnce(async () => {
    ({ db } = await engine.openWithDb());
    await db.exec('CREATE TABLE scratch (name text PRIMARY KEY)');
  });
  afterAll(() => engine.cleanup());

  it('commits what a transaction wrote when it resolves, and returns its value', async () => {
    const out = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO scratch (name) VALUES ($1)', ['kept']);
      return 42;
    });
    expect(out).toBe(42);
    expect(await names()).toContain('kept');
  });

  it('rolls back everything a transaction wrote when it throws, and passes the error on', async () => {
    const boom = new Error('中途失败');
    await expect(db.transaction(async (tx) => {
      await tx.query('INSERT INTO scratch (name) VALUES ($1)', ['lost-1']);
      await tx.query('INSERT INTO scratch (name) VALUES ($1)', ['lost-2']);
      throw boom;
    })).rejects.toBe(boom);
    expect(await names()).not.toContain('lost-1');
    expect(await names()).not.toContain('lost-2');
  });

  it('keeps concurrent callers apart: no one sees, joins or undoes another transaction', async () => {
    let inside!: () => void;
    const started = new Promise<void>((r) => { inside = r; });
    // A writes, pauses with its transaction open, then fails.
    const a = db.transaction(async (tx) => {
      await tx.query('INSERT INTO scratch (name) VALUES ($1)', ['a-uncommitted']);
      inside();
      await sleep(200);
      throw new Error('A fails');
    }).catch((e: Error) => e.message);
    await started;
    // Meanwhile B commits its own transaction, and a plain query looks around.
    const b = db.transaction(async (tx) => {
      await tx.query('INSERT INTO scratch (name) VALUES ($1)', ['b-committed']);
    });
    const seen = names();
    expect(await a).toBe('A fails');
    await b;
    expect(await seen).not.toContain('a-uncommitted');
    const after = await names();
    expect(after).toContain('b-committed'); // A's rollback did not take B's row with it
    expect(after).not.toContain('a-uncommitted');
  });

  it('runs a statement that fails inside a transaction as a failed transaction, leaving the Db usable', async () => {
    await db.query('INSERT INTO scratch (name) VALUES ($1)', ['unique-once']);
    await expect(db.transaction(async (tx) => {
      await tx.query('INSERT INTO scratch (name) VALUES ($1)', ['before-dup']);
      await tx.query('INSERT INTO scratch (name) VALUES ($1)', ['unique-once']);
    })).rejects.toMatchObject({ code: '23505' });
    expect(await names()).not.toContain('before-dup');
    await db.transaction((tx) => tx.query('INSERT INTO scratch (name) VALUES ($1)', ['after-failure']));
    expect(await names()).toContain('after-failure');
  });
});
