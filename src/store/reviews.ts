/**
 * Reports of other bodies uploaded for review (issue 14 part 6): a batch of
 * files, one `audit` job per file enqueued in the same transaction, and each
 * file's result written once by its job. Append-only (migration 003).
 */
import type { JobStatus, ReviewFinding } from '../api/contract.js';
import type { Db, Queryable, Row } from './db.js';
import { checkFile } from './files.js';
import { byteaParam, bytes, int, intOrNull, iso, jsonParam, str, strOrNull } from './rows.js';
import type { ReviewBatchRecord, ReviewFileRecord, ReviewResultRecord, Store } from './types.js';

type ReviewMethods = Pick<Store, 'addReviewBatch' | 'listReviewBatches' | 'getReviewBatch' | 'getReviewFileOfJob' | 'addReviewResult' | 'getReviewResult'>;

const BATCH_SELECT = `
  SELECT b.id, b.name, b.uploaded_by, u.display_name AS uploaded_by_name, b.region_id, r.name AS region_name, b.skipped, b.created_at
    FROM review_batches b
    JOIN users u ON u.id = b.uploaded_by
    LEFT JOIN regions r ON r.id = b.region_id`;

const FILE_COLUMNS = `
         f.id, f.batch_id, f.name, f.bytes, f.sha256, f.job_id, j.status AS job_status, j.stage AS job_stage, j.error AS job_error,
         x.format, x.unit, x.year, x.facts, x.errors, x.warnings, (x.file_id IS NOT NULL) AS has_result`;
const FILE_FROM = `
    FROM review_files f
    JOIN jobs j ON j.id = f.job_id
    LEFT JOIN review_results x ON x.file_id = f.id`;

const toFile = (r: Row): ReviewFileRecord => ({
  id: int(r.id),
  batchId: int(r.batch_id),
  name: str(r.name),
  bytes: int(r.bytes),
  sha256: str(r.sha256),
  jobId: int(r.job_id),
  jobStatus: str(r.job_status) as JobStatus,
  jobStage: str(r.job_stage),
  jobError: strOrNull(r.job_error),
  result: r.has_result
    ? {
      format: str(r.format), unit: strOrNull(r.unit), year: intOrNull(r.year),
      facts: int(r.facts), errors: int(r.errors), warnings: int(r.warnings),
    }
    : null,
});

async function batchesOf(q: Queryable, rows: Row[]): Promise<ReviewBatchRecord[]> {
  if (rows.length === 0) return [];
  const files = await q.query(`SELECT ${FILE_COLUMNS} ${FILE_FROM} WHERE f.batch_id = ANY ($1::integer[]) ORDER BY f.batch_id, f.id`, [rows.map((r) => int(r.id))]);
  const byBatch = new Map<number, ReviewFileRecord[]>();
  for (const f of files.map(toFile)) byBatch.set(f.batchId, [...(byBatch.get(f.batchId) ?? []), f]);
  return rows.map((r) => ({
    id: int(r.id),
    name: str(r.name),
    uploadedBy: int(r.uploaded_by),
    uploadedByName: str(r.uploaded_by_name),
    regionId: intOrNull(r.region_id),
    regionName: strOrNull(r.region_name),
    skipped: r.skipped as { name: string; reason: string }[],
    createdAt: iso(r.created_at),
    files: byBatch.get(int(r.id)) ?? [],
  }));
}

export function reviewMethods(db: Db): ReviewMethods {
  return {
    async addReviewBatch(b) {
      for (const f of b.files) checkFile(f);
      const id = await db.transaction(async (tx) => {
        const [batch] = await tx.query(
          'INSERT INTO review_batches (name, uploaded_by, region_id, skipped) VALUES ($1, $2, $3, $4::jsonb) RETURNING id',
          [b.name, b.userId, b.regionId, jsonParam(b.skipped)],
        );
        const batchId = int(batch!.id);
        for (const f of b.files) {
          const [job] = await tx.query(
            'INSERT INTO jobs (kind, payload, requested_by) VALUES ($1, $2::jsonb, $3) RETURNING id',
            ['audit', jsonParam({ batchId, file: f.name }), b.userId],
          );
          await tx.query(
            'INSERT INTO review_files (batch_id, job_id, name, bytes, sha256, data) VALUES ($1, $2, $3, $4, $5, $6)',
            [batchId, int(job!.id), f.name, f.bytes, f.sha256, byteaParam(f.data)],
          );
        }
        return batchId;
      });
      return (await batchesOf(db, await db.query(`${BATCH_SELECT} WHERE b.id = $1`, [id])))[0]!;
    },

    async listReviewBatches(filter) {
      const rows = filter.regionIds === undefined
        ? await db.query(`${BATCH_SELECT} ORDER BY b.id DESC LIMIT 500`)
        : await db.query(`${BATCH_SELECT} WHERE b.region_id = ANY ($1::integer[]) ORDER BY b.id DESC LIMIT 500`, [filter.regionIds]);
      return batchesOf(db, rows);
    },

    async getReviewBatch(id) {
      return (await batchesOf(db, await db.query(`${BATCH_SELECT} WHERE b.id = $1`, [id])))[0] ?? null;
    },

    async getReviewFileOfJob(jobId) {
      const rows = await db.query(`SELECT f.data, ${FILE_COLUMNS} ${FILE_FROM} WHERE f.job_id = $1`, [jobId]);
      const r = rows[0];
      return r ? { ...toFile(r), data: bytes(r.data) } : null;
    },

    async addReviewResult(fileId, x) {
      await db.query(
        `INSERT INTO review_results (file_id, format, text, truncated, page_starts, unit, year, facts, errors, warnings, findings)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11::jsonb)`,
        [fileId, x.format, x.text, x.truncated, x.pageStarts ? jsonParam(x.pageStarts) : null, x.unit, x.year, x.facts, x.errors, x.warnings, jsonParam(x.findings)],
      );
    },

    async getReviewResult(fileId) {
      const rows = await db.query('SELECT * FROM review_results WHERE file_id = $1', [fileId]);
      const r = rows[0];
      if (!r) return null;
      const out: ReviewResultRecord = {
        format: str(r.format), text: str(r.text), truncated: r.truncated === true,
        pageStarts: (r.page_starts ?? null) as number[] | null, unit: strOrNull(r.unit), year: intOrNull(r.year),
        facts: int(r.facts), errors: int(r.errors), warnings: int(r.warnings), findings: r.findings as ReviewFinding[],
      };
      return out;
    },
  };
}
