/**
 * The server under test on both engines: PGlite in memory and the PostgreSQL
 * server (a fresh random schema per test file, dropped afterwards), seeded
 * with the examples and their demo accounts, driven by fastify.inject.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE, type DatasetJson, type Me } from '../../src/api/contract.js';
import { seedIfEmpty, type SeededAccount } from '../../src/app/seed.js';
import { createServer, type ServerOptions } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { datasetToRaw } from '../../src/model/save.js';
import { loadExample, type ExampleName } from '../examples.js';
import { dropSchema } from '../store/engines.js';

export const PG_URL = process.env.JUESUAN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const ENGINES = ['pglite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

export interface TestStore {
  store: Store;
  cleanup(): Promise<void>;
}

export async function openTestStore(engine: Engine): Promise<TestStore> {
  if (engine === 'pglite') {
    const store = await openStore({});
    return { store, cleanup: () => store.close() };
  }
  const schema = `t_server_${randomBytes(5).toString('hex')}`;
  const store = await openStore({ databaseUrl: PG_URL, schema });
  return {
    store,
    async cleanup() {
      await store.close();
      await dropSchema(schema);
    },
  };
}

/** The seeded accounts the tests act as: unit A = 清江县疾控中心 (2024, passes), unit B = 昭化区政法委 (2022, has errors). */
export const ACTORS = {
  fillerA: 'qingjiang-tb',
  fillerB: 'zhaohua-tb',
  reviewerA: 'qingjiang-sh',
  reviewerB: 'zhaohua-sh',
  financeA: 'qingjiang-cz',
  financeB: 'zhaohua-cz',
  admin: 'admin',
} as const;
export type ActorName = keyof typeof ACTORS;

export interface World {
  app: FastifyInstance;
  store: Store;
  accounts: Map<string, SeededAccount>;
  /** Dataset ids: A = qingjiang 2024, B = zhaohua 2022. */
  datasetA: number;
  datasetB: number;
  client(): Client;
  as(actor: ActorName): Promise<Client>;
  /** After a logout: the next as() logs in again. */
  forgetSessions(): void;
  close(): Promise<void>;
}

export async function makeWorld(engine: Engine, o: Partial<ServerOptions> = {}): Promise<World> {
  const { store, cleanup } = await openTestStore(engine);
  const seeded = await seedIfEmpty(store);
  if (!seeded) throw new Error('store was not empty');
  const accounts = new Map(seeded.map((a) => [a.username, a]));
  const app = await createServer({ store, ...o });
  await app.ready();
  const orgs = await store.listOrganisations();
  const idOf = async (code: string, year: number) => (await store.findDataset(orgs.find((x) => x.code === code)!.id, year))!.id;
  const sessions = new Map<ActorName, Client>();
  const world: World = {
    app,
    store,
    accounts,
    datasetA: await idOf('qingjiang-cdc', 2024),
    datasetB: await idOf('zhaohua-zfw', 2022),
    client: () => new Client(app),
    async as(actor) {
      let c = sessions.get(actor);
      if (!c) {
        c = new Client(app);
        const username = ACTORS[actor];
        const res = await c.login(username, accounts.get(username)!.password);
        if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
        sessions.set(actor, c);
      }
      return c;
    },
    forgetSessions: () => sessions.clear(),
    async close() {
      await app.close();
      await cleanup();
    },
  };
  return world;
}

/** A browser: keeps the session cookie and sends the CSRF token on state-changing calls. */
export class Client {
  cookie: string | undefined;
  csrf: string | undefined;
  me: Me | undefined;
  constructor(readonly app: FastifyInstance, readonly ip = '127.0.0.1') {}

  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    const res = await this.request('POST', '/api/login', { username, password });
    if (res.statusCode === 200) {
      const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
      this.cookie = c?.value;
      this.me = res.json<Me>();
      this.csrf = this.me.csrfToken;
    }
    return res;
  }

  request(method: string, url: string, body?: unknown, o: { csrf?: boolean; headers?: Record<string, string>; payload?: Buffer | string } = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...o.headers };
    if (this.cookie) headers.cookie = `${SESSION_COOKIE}=${this.cookie}`;
    if (this.csrf && o.csrf !== false && !['GET', 'HEAD'].includes(method)) headers[CSRF_HEADER] = this.csrf;
    const opts: InjectOptions = { method: method as InjectOptions['method'], url, headers, remoteAddress: this.ip };
    if (o.payload !== undefined) opts.payload = o.payload;
    else if (body !== undefined) opts.payload = body as InjectOptions['payload'];
    return this.app.inject(opts);
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body ?? {});
  }
  put(url: string, body: unknown) {
    return this.request('PUT', url, body);
  }
}

export const exampleJson = (name: ExampleName): DatasetJson => JSON.parse(JSON.stringify(datasetToRaw(loadExample(name)))) as DatasetJson;

/** A multipart/form-data body with text fields and at most one file. */
export function multipart(fields: Record<string, string>, file?: { field?: string; name: string; data: Buffer; type?: string }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----juesuan${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
