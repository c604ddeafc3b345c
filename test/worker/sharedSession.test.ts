/**
 * One browser per process (issue 16): the workers of `juesuan worker -c N`
 * share one render session (workerSession), which stop() leaves open for the
 * caller to close; a worker without one has its own and closes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RenderSession } from '../../src/app/render.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { startWorker, workerSession } from '../../src/worker/index.js';

class CountingSession extends RenderSession {
  closed = 0;
  override async close(): Promise<void> {
    this.closed++;
  }
}

describe('workers of one process', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({});
  });
  afterAll(async () => {
    await store.close();
  });

  it('print through the one session they are given, and leave it open when they stop', async () => {
    const shared = new CountingSession();
    const seen: RenderSession[] = [];
    const handlers = { render: async (_job: unknown, ctx: { session: RenderSession }) => (seen.push(ctx.session), {}) };
    const a = startWorker(store, { autostart: false, session: shared, handlers });
    const b = startWorker(store, { autostart: false, session: shared, handlers });
    for (let i = 0; i < 4; i++) await store.enqueueJob({ kind: 'render', payload: {}, requestedBy: null });
    expect((await Promise.all([a.drain(), b.drain()])).reduce((x, y) => x + y, 0)).toBe(4);
    expect(seen).toHaveLength(4);
    expect(seen.every((s) => s === shared)).toBe(true);
    await a.stop();
    await b.stop();
    expect(shared.closed).toBe(0);
  });

  it('workers without a shared session each have their own (closed by stop())', async () => {
    const seen: RenderSession[] = [];
    const handlers = { render: async (_job: unknown, ctx: { session: RenderSession }) => (seen.push(ctx.session), {}) };
    const a = startWorker(store, { autostart: false, handlers });
    const b = startWorker(store, { autostart: false, handlers });
    await store.enqueueJob({ kind: 'render', payload: {}, requestedBy: null });
    expect(await a.drain()).toBe(1);
    await store.enqueueJob({ kind: 'render', payload: {}, requestedBy: null });
    expect(await b.drain()).toBe(1);
    expect(seen[0]).toBeInstanceOf(RenderSession);
    expect(seen[1]).not.toBe(seen[0]);
    await a.stop();
    await b.stop();
    expect(workerSession(2)).toBeInstanceOf(RenderSession);
  });
});
