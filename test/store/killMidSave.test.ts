/**
 * A process killed (SIGKILL) in the middle of a save leaves the previous
 * version whole: the child holds its transaction open just before COMMIT
 * (JUESUAN_TEST_HOLD_SAVE), the test kills it there, reopens the store and
 * finds version N intact, no N+1, and a save on base N that works.
 * For PGlite this is also the question whether its data folder recovers at all.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store, type StoreOptions } from '../../src/store/index.js';
import { engines } from './engines.js';
import { bigDataset, dataset, seed } from './seed.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'holdSave.ts');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Equal as JSON text, keys in the same order (a diff of megabytes would drown the report). */
const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Starts the child, waits until it holds the save open, SIGKILLs it; returns its stderr. */
async function killMidSave(
  args: StoreOptions & { datasetId: number; baseVersion: number; userId: number; year: number; holdAfterCommit?: string },
  holdFile: string,
  whileHeld?: () => Promise<void>,
): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, JUESUAN_TEST_HOLD_SAVE: holdFile };
  if (args.holdAfterCommit) delete env.JUESUAN_TEST_HOLD_SAVE;
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, JSON.stringify(args)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => { output += b.toString(); });
  child.stderr.on('data', (b: Buffer) => { output += b.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  let gone: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  void exited.then((e) => { gone = e; });
  const deadline = Date.now() + 90_000;
  while (!existsSync(holdFile)) {
    if (gone) throw new Error(`the child exited (${JSON.stringify(gone)}) before holding the save:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the child never reached the held save within 90 s:\n${output}`);
    }
    await sleep(50);
  }
  await whileHeld?.();
  child.kill('SIGKILL');
  const end = await exited;
  expect(end.signal, output).toBe('SIGKILL');
}

describe.each(engines())('$name: a save killed before COMMIT', (engine) => {
  const tmp = mkdtempSync(join(tmpdir(), 'juesuan-kill-'));
  afterAll(async () => {
    await engine.cleanup();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('leaves the previous version whole, no trace of the killed one, and the next save works', async () => {
    // PGlite: a data folder, which one process owns at a time; the server: this file's schema.
    const options: StoreOptions = engine.name === 'pglite' ? { dataDir: join(tmp, 'data') } : engine.options;
    let store: Store = engine.name === 'pglite' ? await openStore(options) : await engine.open();
    const s = await seed(store);
    const year = 2024;
    const d = await store.createDataset({ orgId: s.org.id, year, data: dataset(year, '1.00'), findings: [], userId: s.filler.id });
    const v2 = await store.saveVersion(d.id, { baseVersion: 1, data: bigDataset(year, 'v2'), findings: [], userId: s.filler.id, note: '第二版' });
    if (engine.name === 'pglite') await store.close();

    const holdFile = join(tmp, 'held');
    await killMidSave(
      { ...options, datasetId: d.id, baseVersion: 2, userId: s.filler.id, year },
      holdFile,
      // On the server, while the child holds its transaction, others still see version 2.
      engine.name === 'postgres' ? async () => { expect((await store.getDataset(d.id))!.version).toBe(2); } : undefined,
    );

    if (engine.name === 'pglite') store = await openStore(options);
    try {
      const after = await store.getDataset(d.id);
      expect(after!.version).toBe(2);
      const whole = await store.getVersion(d.id, 2);
      expect(whole!.note).toBe('第二版');
      expect(sameJson(whole!.data, bigDataset(year, 'v2'))).toBe(true);
      expect(await store.getVersion(d.id, 3)).toBeNull();
      expect((await store.listVersions(d.id)).map((v) => v.version)).toEqual([1, 2]);
      const v3 = await store.saveVersion(d.id, { baseVersion: 2, data: bigDataset(year, 'v3'), findings: [], userId: s.filler.id, note: '重新保存' });
      expect(v3.version).toBe(3);
      expect((await store.getVersion(d.id, 3))!.note).toBe('重新保存');
    } finally {
      await store.close();
    }
  });
});

describe('pglite: a process killed right after a save committed', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'juesuan-kill-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('keeps the committed version in its data folder', async () => {
    const dataDir = join(tmp, 'data');
    let store = await openStore({ dataDir });
    const s = await seed(store);
    const d = await store.createDataset({ orgId: s.org.id, year: 2024, data: dataset(2024, '1.00'), findings: [], userId: s.filler.id });
    await store.close();

    const holdFile = join(tmp, 'committed');
    await killMidSave({ dataDir, datasetId: d.id, baseVersion: 1, userId: s.filler.id, year: 2024, holdAfterCommit: holdFile }, holdFile);

    store = await openStore({ dataDir });
    try {
      expect((await store.getDataset(d.id))!.version).toBe(2);
      const v2 = await store.getVersion(d.id, 2);
      expect(v2!.note).toBe('已提交的版本');
      expect(sameJson(v2!.data, bigDataset(2024, 'killed'))).toBe(true);
    } finally {
      await store.close();
    }
  });
});
