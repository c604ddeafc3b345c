/**
 * A job queue in PostgreSQL: workers claim the oldest queued job with
 * FOR UPDATE SKIP LOCKED, so two workers (threads or processes) never take the
 * same one, and a job whose worker died is requeued once its lock is stale.
 */
import type { JobKind, JobStatus } from '../api/contract.js';
import type { Db, Row } from './db.js';
import { checkFile, toFile } from './files.js';
import { byteaParam, int, intOrNull, iso, isoOrNull, jsonParam, mapDuplicate, str, strOrNull } from './rows.js';
import type { JobRecord, Store } from './types.js';

type JobMethods = Pick<Store,
  'enqueueJob' | 'claimJob' | 'updateJob' | 'finishJob' | 'getJob' | 'addJobFile' | 'getJobFile' | 'requeueStale'>;

const toJob = (r: Row): JobRecord => ({
  id: int(r.id),
  kind: str(r.kind) as JobKind,
  status: str(r.status) as JobStatus,
  payload: r.payload as Record<string, unknown>,
  progress: int(r.progress),
  stage: str(r.stage),
  error: strOrNull(r.error),
  result: (r.result ?? null) as Record<string, unknown> | null,
  requestedBy: intOrNull(r.requested_by),
  attempts: int(r.attempts),
  lockedBy: strOrNull(r.locked_by),
  createdAt: iso(r.created_at),
  finishedAt: isoOrNull(r.finished_at),
});

export function jobMethods(db: Db): JobMethods {
  return {
    async enqueueJob(j) {
      const rows = await db.query(
        'INSERT INTO jobs (kind, payload, requested_by) VALUES ($1, $2::jsonb, $3) RETURNING *',
        [j.kind, jsonParam(j.payload), j.requestedBy],
      );
      return toJob(rows[0]!);
    },

    async claimJob(workerId) {
      const rows = await db.query(
        `UPDATE jobs
            SET status = 'running', attempts = attempts + 1, locked_by = $1, locked_at = now(),
                stage = '开始处理', error = NULL
          WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
          RETURNING *`,
        [workerId],
      );
      return rows[0] ? toJob(rows[0]) : null;
    },

    /** Progress from a running job also renews its lock: it is alive. */
    async updateJob(id, patch) {
      await db.query(
        `UPDATE jobs
            SET progress = COALESCE($2::integer, progress), stage = COALESCE($3::text, stage),
                locked_at = CASE WHEN status = 'running' THEN now() ELSE locked_at END
          WHERE id = $1`,
        [id, patch.progress ?? null, patch.stage ?? null],
      );
    },

    async finishJob(id, outcome) {
      if ('result' in outcome) {
        await db.query(
          `UPDATE jobs SET status = 'done', progress = 100, stage = '已完成', result = $2::jsonb, error = NULL,
                           finished_at = now()
            WHERE id = $1`,
          [id, jsonParam(outcome.result)],
        );
      } else {
        await db.query(
          `UPDATE jobs SET status = 'failed', stage = '失败', error = $2, finished_at = now() WHERE id = $1`,
          [id, outcome.error],
        );
      }
    },

    async getJob(id) {
      const rows = await db.query('SELECT * FROM jobs WHERE id = $1', [id]);
      return rows[0] ? toJob(rows[0]) : null;
    },

    async addJobFile(jobId, f) {
      checkFile(f);
      await mapDuplicate(() => db.query(
        'INSERT INTO job_files (job_id, name, media_type, bytes, sha256, data) VALUES ($1, $2, $3, $4, $5, $6)',
        [jobId, f.name, f.mediaType, f.bytes, f.sha256, byteaParam(f.data)],
      ));
    },

    async getJobFile(jobId, name) {
      const rows = await db.query('SELECT * FROM job_files WHERE job_id = $1 AND name = $2', [jobId, name]);
      return rows[0] ? toFile(rows[0]) : null;
    },

    async requeueStale(olderThanMs) {
      const rows = await db.query(
        `UPDATE jobs SET status = 'queued', locked_by = NULL, locked_at = NULL, stage = '排队中'
          WHERE status = 'running' AND locked_at < now() - $1::double precision * interval '1 millisecond'
          RETURNING id`,
        [olderThanMs],
      );
      return rows.length;
    },
  };
}
