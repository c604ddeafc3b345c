/**
 * `juesuan serve` (the web application: API, browser app, in-process worker)
 * and `juesuan user add` (an account from the command line).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { ROLE_LABELS, ROLES, type Role } from '../api/contract.js';
import { addUser } from '../app/admin.js';
import { AppError } from '../app/errors.js';
import { seedIfEmpty } from '../app/seed.js';
import { openStore } from '../store/index.js';
import type { Store, StoreOptions } from '../store/types.js';
import { startWorker, type Worker } from '../worker/index.js';
import { createServer } from './index.js';

/** A command that cannot go on, said in Chinese (the CLI prints it and exits 1). */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandError';
  }
}

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export interface StoreChoice {
  /** PGlite's data folder (default ./data). */
  data?: string;
  /** A PostgreSQL server instead (default: env DATABASE_URL). */
  databaseUrl?: string;
}

function storeOptions(o: StoreChoice): StoreOptions {
  const databaseUrl = o.databaseUrl ?? process.env.DATABASE_URL;
  if (databaseUrl) return { databaseUrl, ...(process.env.JUESUAN_DB_SCHEMA ? { schema: process.env.JUESUAN_DB_SCHEMA } : {}) };
  const dataDir = resolve(o.data ?? 'data');
  mkdirSync(dataDir, { recursive: true });
  return { dataDir };
}

async function open(o: StoreChoice): Promise<Store> {
  const opts = storeOptions(o);
  try {
    return await openStore(opts);
  } catch (e) {
    const where = opts.databaseUrl ? 'PostgreSQL 服务器' : `数据目录 ${opts.dataDir ?? ''}`;
    throw new CommandError(`无法打开数据库（${where}）：${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The built browser app, next to the package's dist/. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export interface ServeOptions extends StoreChoice, Output {
  port?: number;
  host?: string;
  /** false: no job worker in this process (a server database with `juesuan worker` processes elsewhere). */
  worker?: boolean;
  webDir?: string;
  secureCookies?: boolean;
  trustProxy?: boolean;
}

export interface Serving {
  app: FastifyInstance;
  store: Store;
  /** http://host:port */
  address: string;
  close(): Promise<void>;
}

/** Opens the store (migrating it), seeds an empty one, starts the worker and listens. */
export async function startServe(o: ServeOptions): Promise<Serving> {
  const port = o.port ?? 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CommandError('--port 应为 0 到 65535 之间的整数');
  const store = await open(o);
  let worker: Worker | undefined;
  let app: FastifyInstance | undefined;
  try {
    const seeded = await seedIfEmpty(store);
    if (seeded) {
      o.out('首次启动：已导入示例地区、单位和数据，并创建以下演示账号（密码只显示这一次，请妥善保存或登录后修改）：');
      for (const a of seeded) o.out(`  ${ROLE_LABELS[a.role]}\t${a.scope}\t用户名 ${a.username}\t密码 ${a.password}`);
    }
    if (o.worker !== false) {
      worker = startWorker(store, {
        log: o.err,
        onJobEnd: (job, outcome) => o.out(`任务 ${job.id}（${({ publish: '公开', render: '生成文件', audit: '审核外部报告' } as const)[job.kind]}）${outcome === 'done' ? '完成' : '失败'}`),
      });
    }
    app = await createServer({
      store,
      webDir: o.webDir ?? DEFAULT_WEB_DIR,
      logger: { level: 'warn' },
      ...(o.secureCookies !== undefined ? { secureCookies: o.secureCookies } : {}),
      ...(o.trustProxy !== undefined ? { trustProxy: o.trustProxy } : {}),
    });
    const host = o.host ?? '127.0.0.1';
    try {
      await app.listen({ port, host });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CommandError(code === 'EADDRINUSE' ? `端口 ${port} 已被占用，请用 --port 换一个端口` : `无法在 ${host}:${port} 上启动：${(e as Error).message}`);
    }
    const addr = app.server.address();
    const actualPort = typeof addr === 'object' && addr ? addr.port : port;
    const address = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
    const running = app;
    return {
      app: running,
      store,
      address,
      async close() {
        await running.close();
        await worker?.stop();
        await store.close();
      },
    };
  } catch (e) {
    await app?.close().catch(() => {});
    await worker?.stop().catch(() => {});
    await store.close().catch(() => {});
    throw e;
  }
}

/** `juesuan serve`: runs until SIGINT or SIGTERM, then closes cleanly. */
export async function serveCommand(o: ServeOptions): Promise<void> {
  const s = await startServe(o);
  o.out(`juesuan 已启动：${s.address}/ （API 文档：${s.address}/api/docs），按 Ctrl+C 停止`);
  if (o.worker === false) o.out('本进程不处理后台任务：请另行运行 juesuan worker');
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  o.out('正在停止……');
  await s.close();
  o.out('已停止');
}

export interface UserAddOptions extends StoreChoice, Output {
  username: string;
  name: string;
  role: string;
  /** The unit's code (填报人, 单位审核人). */
  org?: string;
  /** The region's code (财政审核人). */
  region?: string;
  /** Default: env JUESUAN_PASSWORD, else asked on the terminal without echo. */
  password?: string;
}

/** Reads a password on the terminal without echoing it (or a line from a pipe). */
export async function promptPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) {
      text += String(chunk);
      if (text.includes('\n')) break;
    }
    return text.split(/\r?\n/u)[0] ?? '';
  }
  process.stderr.write(prompt);
  return new Promise((resolveLine, reject) => {
    let pw = '';
    stdin.setRawMode(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    const finish = () => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
    };
    const onData = (s: string) => {
      for (const ch of s) {
        if (ch === '\r' || ch === '\n') return (finish(), resolveLine(pw));
        if (ch === '\u0003' || ch === '\u0004') return (finish(), reject(new CommandError('已取消')));
        if (ch === '\u007f' || ch === '\b') pw = [...pw].slice(0, -1).join('');
        else pw += ch;
      }
      return undefined;
    };
    stdin.on('data', onData);
  });
}

/** `juesuan user add`: an account in the store, its password never shown nor stored in clear. */
export async function userAddCommand(o: UserAddOptions): Promise<void> {
  if (!(ROLES as readonly string[]).includes(o.role)) {
    throw new CommandError(`未知的角色“${o.role}”；可选：${ROLES.map((r) => `${r}（${ROLE_LABELS[r]}）`).join('、')}`);
  }
  const role = o.role as Role;
  if ((role === 'filler' || role === 'unit_reviewer') && !o.org) throw new CommandError(`${ROLE_LABELS[role]}须用 --org 指定所属单位的代码`);
  if (role === 'finance_reviewer' && !o.region) throw new CommandError('财政审核人须用 --region 指定负责地区的代码');
  if ((role === 'admin' || role === 'finance_reviewer') && o.org) throw new CommandError(`${ROLE_LABELS[role]}不指定所属单位（去掉 --org）`);
  if (role !== 'finance_reviewer' && o.region) throw new CommandError(`${ROLE_LABELS[role]}不指定地区（去掉 --region）`);
  let password = o.password ?? process.env.JUESUAN_PASSWORD;
  if (password === undefined) {
    password = await promptPassword(`请输入 ${o.username} 的密码：`);
    if (process.stdin.isTTY && (await promptPassword('请再输入一次：')) !== password) throw new CommandError('两次输入的密码不一致');
  }
  const store = await open(o);
  try {
    let orgId: number | null = null;
    let regionId: number | null = null;
    if (o.org) {
      const org = (await store.listOrganisations()).find((x) => x.code === o.org);
      if (!org) throw new CommandError(`没有代码为“${o.org}”的单位`);
      orgId = org.id;
    }
    if (o.region) {
      const region = (await store.listRegions()).find((x) => x.code === o.region);
      if (!region) throw new CommandError(`没有代码为“${o.region}”的地区`);
      regionId = region.id;
    }
    try {
      const u = await addUser(store, null, { username: o.username, displayName: o.name, password, role, orgId, regionId });
      o.out(`已创建用户 ${u.username}（${u.displayName}，${ROLE_LABELS[u.role]}）`);
    } catch (e) {
      if (e instanceof AppError) throw new CommandError(e.kind === 'bad_request' && e.fields ? Object.values(e.fields).join('；') : e.message);
      throw e;
    }
  } finally {
    await store.close();
  }
}
