/** Users and their login sessions. */
import type { Role } from '../api/contract.js';
import type { Db, Row } from './db.js';
import { int, intOrNull, iso, mapDuplicate, str } from './rows.js';
import type { SessionRecord, Store, UserRecord } from './types.js';

type UserMethods = Pick<Store,
  'addUser' | 'updateUser' | 'getUser' | 'getUserByName' | 'listUsers' | 'countUsers' | 'addSession' | 'getSession' | 'deleteSession'>;

const toUser = (r: Row): UserRecord => ({
  id: int(r.id),
  username: str(r.username),
  displayName: str(r.display_name),
  role: str(r.role) as Role,
  orgId: intOrNull(r.org_id),
  regionId: intOrNull(r.region_id),
  disabled: r.disabled === true,
  passwordHash: str(r.password_hash),
});

const toSession = (r: Row): SessionRecord => ({
  tokenHash: str(r.token_hash),
  userId: int(r.user_id),
  csrfToken: str(r.csrf_token),
  expiresAt: iso(r.expires_at),
});

/** The columns updateUser may change (names are constants; values are always parameters). */
const PATCHABLE = {
  displayName: 'display_name',
  passwordHash: 'password_hash',
  role: 'role',
  orgId: 'org_id',
  regionId: 'region_id',
  disabled: 'disabled',
} as const satisfies Partial<Record<keyof UserRecord, string>>;

export function userMethods(db: Db): UserMethods {
  const getUser = async (id: number): Promise<UserRecord | null> => {
    const rows = await db.query('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0] ? toUser(rows[0]) : null;
  };

  return {
    addUser: (u) => mapDuplicate(async () => {
      const rows = await db.query(
        `INSERT INTO users (username, display_name, password_hash, role, org_id, region_id, disabled)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [u.username, u.displayName, u.passwordHash, u.role, u.orgId, u.regionId, u.disabled ?? false],
      );
      return toUser(rows[0]!);
    }),

    async updateUser(id, patch) {
      const sets: string[] = [];
      const params: unknown[] = [id];
      for (const [key, column] of Object.entries(PATCHABLE) as [keyof typeof PATCHABLE, string][]) {
        if (patch[key] === undefined) continue;
        params.push(patch[key]);
        sets.push(`${column} = $${params.length}`);
      }
      if (sets.length === 0) return getUser(id);
      return db.transaction(async (tx) => {
        const rows = await tx.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, params);
        // A new password (or a disabled account) ends every session opened with the old one.
        if (rows[0] && (patch.passwordHash !== undefined || patch.disabled === true)) await tx.query('DELETE FROM sessions WHERE user_id = $1', [id]);
        return rows[0] ? toUser(rows[0]) : null;
      });
    },

    getUser,

    async getUserByName(username) {
      const rows = await db.query('SELECT * FROM users WHERE username = $1', [username]);
      return rows[0] ? toUser(rows[0]) : null;
    },

    async listUsers() {
      return (await db.query('SELECT * FROM users ORDER BY id')).map(toUser);
    },

    async countUsers() {
      const rows = await db.query('SELECT count(*)::integer AS n FROM users');
      return int(rows[0]!.n);
    },

    addSession: (s) => mapDuplicate(() => db.transaction(async (tx) => {
      // Expired sessions are cleared as new ones are opened, so the table does not grow without end.
      await tx.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at <= now()', [s.userId]);
      await tx.query(
        'INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)',
        [s.tokenHash, s.userId, s.csrfToken, s.expiresAt],
      );
    })),

    /** An expired session is as good as none: it is not returned. */
    async getSession(tokenHash) {
      const rows = await db.query('SELECT * FROM sessions WHERE token_hash = $1 AND expires_at > now()', [tokenHash]);
      return rows[0] ? toSession(rows[0]) : null;
    },

    async deleteSession(tokenHash) {
      await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },
  };
}
