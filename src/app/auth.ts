/**
 * Passwords (scrypt, parameters kept in the hash string), login and sessions.
 * The session token lives only in the browser's cookie; the store keeps its
 * SHA-256. Each session has its own CSRF token.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Me } from '../api/contract.js';
import type { SessionRecord, Store, UserRecord } from '../store/types.js';
import { AppError } from './errors.js';

const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** How long a session lasts after login. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const MIN_PASSWORD_LENGTH = 8;
export const LOGIN_FAILED = '用户名或密码错误';

function scryptAsync(password: string, salt: Buffer, keylen: number, o: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keylen, o, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

const maxmem = (N: number, r: number) => 256 * N * r;

/** `scrypt$N$r$p$salt$hash` (salt and hash base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, KEY_BYTES, { ...SCRYPT, maxmem: maxmem(SCRYPT.N, SCRYPT.r) });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (expected.length === 0) return false;
  const key = await scryptAsync(password, salt, expected.length, { N, r, p, maxmem: maxmem(N, r) });
  return timingSafeEqual(key, expected);
}

/** Compared against when the username is unknown, so that both failures take the same time. */
let dummyHash: Promise<string> | undefined;

/** A password acceptable for an account: Chinese message when not. */
export function passwordProblem(password: string): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `密码至少应有${MIN_PASSWORD_LENGTH}个字符`;
  if (password.length > 200) return '密码最多200个字符';
  return undefined;
}

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface LoginResult {
  user: UserRecord;
  /** Goes into the cookie; never stored. */
  token: string;
  session: SessionRecord;
}

/** Checks the password (same message and about the same time for an unknown user and a wrong password) and opens a session. */
export async function login(store: Store, username: string, password: string, now = new Date()): Promise<LoginResult> {
  const user = await store.getUserByName(username);
  if (!user) {
    await verifyPassword(password, await (dummyHash ??= hashPassword(randomBytes(16).toString('hex'))));
    throw new AppError('unauthenticated', LOGIN_FAILED);
  }
  if (!(await verifyPassword(password, user.passwordHash))) throw new AppError('unauthenticated', LOGIN_FAILED);
  if (user.disabled) throw new AppError('unauthenticated', '该账号已停用，请联系管理员');
  const token = randomBytes(32).toString('base64url');
  const session: SessionRecord = {
    tokenHash: tokenHash(token),
    userId: user.id,
    csrfToken: randomBytes(32).toString('base64url'),
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
  };
  await store.addSession(session);
  return { user, token, session };
}

export interface Authenticated {
  user: UserRecord;
  session: SessionRecord;
}

/** The session of a cookie's token, or null when unknown, expired or its user is disabled. */
export async function authenticate(store: Store, token: string | undefined, now = new Date()): Promise<Authenticated | null> {
  if (!token || token.length > 200) return null;
  const hash = tokenHash(token);
  const session = await store.getSession(hash);
  if (!session) return null;
  if (Date.parse(session.expiresAt) <= now.getTime()) {
    await store.deleteSession(hash);
    return null;
  }
  const user = await store.getUser(session.userId);
  if (!user || user.disabled) return null;
  return { user, session };
}

export async function logout(store: Store, token: string | undefined): Promise<void> {
  if (token) await store.deleteSession(tokenHash(token));
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(session: SessionRecord, header: string | undefined): boolean {
  if (!header) return false;
  const a = Buffer.from(header);
  const b = Buffer.from(session.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function meOf(user: UserRecord, session: SessionRecord): Me {
  return {
    id: user.id, username: user.username, displayName: user.displayName, role: user.role,
    orgId: user.orgId, regionId: user.regionId, csrfToken: session.csrfToken,
  };
}
