/** The review workflow: state transitions with their append-only events, and reviewers' comments. */
import type { Comment, Status, WorkflowEvent } from '../api/contract.js';
import type { Db, Queryable, Row } from './db.js';
import { toDataset } from './datasets.js';
import { int, iso, jsonParam, NotFound, str, strOrNull } from './rows.js';
import { StateConflict, type DatasetRecord, type Store } from './types.js';

type WorkflowMethods = Pick<Store, 'transition' | 'listEvents' | 'addComment' | 'listComments'>;

const toEvent = (r: Row): WorkflowEvent => ({
  id: int(r.id),
  at: iso(r.at),
  actor: str(r.actor),
  action: str(r.action) as WorkflowEvent['action'],
  from: strOrNull(r.from_status) as Status | null,
  to: str(r.to_status) as Status,
  version: int(r.version),
  comment: strOrNull(r.comment),
});

const toComment = (r: Row): Comment => ({
  id: int(r.id),
  path: str(r.path),
  body: str(r.body),
  author: str(r.author),
  at: iso(r.at),
  version: int(r.version),
  resolved: r.resolved === true,
});

/** A workflow step inside the caller's transaction: the dataset row locked, its state checked, the event appended. */
export async function transitionIn(tx: Queryable, datasetId: number, t: Parameters<Store['transition']>[1]): Promise<DatasetRecord> {
  const locked = await tx.query('SELECT status, version FROM datasets WHERE id = $1 FOR UPDATE', [datasetId]);
  if (!locked[0]) throw new NotFound('数据');
  const from = str(locked[0].status) as Status;
  if (!t.from.includes(from)) throw new StateConflict(from);
  const rows = await tx.query(
    `UPDATE datasets
        SET status = $2, explanations = COALESCE($3::jsonb, explanations), updated_at = now()
      WHERE id = $1 RETURNING *`,
    [datasetId, t.to, t.explanations === undefined ? null : jsonParam(t.explanations)],
  );
  await tx.query(
    `INSERT INTO workflow_events (dataset_id, action, from_status, to_status, version, actor_id, comment)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [datasetId, t.action, from, t.to, int(locked[0].version), t.userId, t.comment ?? null],
  );
  return toDataset(rows[0]!);
}

export function workflowMethods(db: Db): WorkflowMethods {
  return {
    transition: (datasetId, t) => db.transaction((tx) => transitionIn(tx, datasetId, t)),

    async listEvents(datasetId) {
      const rows = await db.query(
        `SELECT e.*, u.display_name AS actor
           FROM workflow_events e JOIN users u ON u.id = e.actor_id
          WHERE e.dataset_id = $1 ORDER BY e.id`,
        [datasetId],
      );
      return rows.map(toEvent);
    },

    async addComment(datasetId, c) {
      const rows = await db.query(
        `WITH c AS (
           INSERT INTO comments (dataset_id, path, body, author_id, version)
           VALUES ($1, $2, $3, $4, $5) RETURNING *
         )
         SELECT c.*, u.display_name AS author FROM c JOIN users u ON u.id = c.author_id`,
        [datasetId, c.path, c.body, c.userId, c.version],
      );
      return toComment(rows[0]!);
    },

    async listComments(datasetId) {
      const rows = await db.query(
        `SELECT c.*, u.display_name AS author
           FROM comments c JOIN users u ON u.id = c.author_id
          WHERE c.dataset_id = $1 ORDER BY c.id`,
        [datasetId],
      );
      return rows.map(toComment);
    },
  };
}
