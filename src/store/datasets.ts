/** Datasets (one unit's final account for one year) and their saved versions. */
import { writeFileSync } from 'node:fs';
import type { DatasetJson, Status, StoredFinding } from '../api/contract.js';
import type { Db, Queryable, Row } from './db.js';
import { int, iso, jsonParam, mapDuplicate, NotFound, str, strOrNull } from './rows.js';
import { VersionConflict, type DatasetRecord, type Store, type VersionRecord } from './types.js';

type DatasetMethods = Pick<Store,
  'createDataset' | 'getDataset' | 'findDataset' | 'listDatasets' | 'saveVersion' | 'getVersion' | 'listVersions'>;

export const toDataset = (r: Row): DatasetRecord => ({
  id: int(r.id),
  orgId: int(r.org_id),
  year: int(r.year),
  status: str(r.status) as Status,
  version: int(r.version),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  explanations: r.explanations as Record<string, string>,
});

const toVersionSummary = (r: Row): Omit<VersionRecord, 'data'> => ({
  datasetId: int(r.dataset_id),
  version: int(r.version),
  findings: r.findings as StoredFinding[],
  savedBy: int(r.saved_by),
  savedByName: str(r.saved_by_name),
  savedAt: iso(r.saved_at),
  note: strOrNull(r.note),
});

const toVersion = (r: Row): VersionRecord => ({ ...toVersionSummary(r), data: r.data as DatasetJson });

const VERSION_SELECT = `
  SELECT v.dataset_id, v.version, v.data, v.findings, v.saved_by, u.display_name AS saved_by_name, v.saved_at, v.note
    FROM dataset_versions v JOIN users u ON u.id = v.saved_by`;

async function versionIn(q: Queryable, datasetId: number, version: number): Promise<VersionRecord | null> {
  const rows = await q.query(`${VERSION_SELECT} WHERE v.dataset_id = $1 AND v.version = $2`, [datasetId, version]);
  return rows[0] ? toVersion(rows[0]) : null;
}

/**
 * Test-only: with JUESUAN_TEST_HOLD_SAVE=<file>, saveVersion writes <file>
 * once its rows are written and waits (up to 30 s) before COMMIT, so a test
 * can kill the process at exactly that point (test/store/killMidSave.test.ts).
 */
async function holdBeforeCommitForTest(): Promise<void> {
  const file = process.env.JUESUAN_TEST_HOLD_SAVE;
  if (!file) return;
  writeFileSync(file, String(process.pid));
  await new Promise((resolve) => setTimeout(resolve, 30_000));
}

export function datasetMethods(db: Db): DatasetMethods {
  return {
    createDataset: (d) => mapDuplicate(() => db.transaction(async (tx) => {
      const rows = await tx.query(
        'INSERT INTO datasets (org_id, year, version) VALUES ($1, $2, 1) RETURNING *',
        [d.orgId, d.year],
      );
      const dataset = toDataset(rows[0]!);
      await tx.query(
        `INSERT INTO dataset_versions (dataset_id, version, data, findings, saved_by, note)
         VALUES ($1, 1, $2::json, $3::json, $4, $5)`,
        [dataset.id, jsonParam(d.data), jsonParam(d.findings), d.userId, d.note ?? null],
      );
      await tx.query(
        `INSERT INTO workflow_events (dataset_id, action, from_status, to_status, version, actor_id)
         VALUES ($1, $2, NULL, $3, 1, $4)`,
        [dataset.id, d.action ?? 'create', dataset.status, d.userId],
      );
      return dataset;
    })),

    async getDataset(id) {
      const rows = await db.query('SELECT * FROM datasets WHERE id = $1', [id]);
      return rows[0] ? toDataset(rows[0]) : null;
    },

    async findDataset(orgId, year) {
      const rows = await db.query('SELECT * FROM datasets WHERE org_id = $1 AND year = $2', [orgId, year]);
      return rows[0] ? toDataset(rows[0]) : null;
    },

    async listDatasets(filter) {
      const rows = await db.query(
        `SELECT * FROM datasets
          WHERE ($1::integer[] IS NULL OR org_id = ANY ($1::integer[]))
            AND ($2::integer IS NULL OR year = $2::integer)
            AND ($3::text IS NULL OR status = $3::text)
          ORDER BY id`,
        [filter.orgIds ?? null, filter.year ?? null, filter.status ?? null],
      );
      return rows.map(toDataset);
    },

    saveVersion: (datasetId, v) => db.transaction(async (tx) => {
      // The row lock orders concurrent saves: the second waits, then sees the new version.
      const locked = await tx.query('SELECT version FROM datasets WHERE id = $1 FOR UPDATE', [datasetId]);
      if (!locked[0]) throw new NotFound('数据');
      const current = int(locked[0].version);
      if (v.baseVersion !== current) {
        throw new VersionConflict((await versionIn(tx, datasetId, current))!);
      }
      const next = current + 1;
      await tx.query(
        `INSERT INTO dataset_versions (dataset_id, version, data, findings, saved_by, note)
         VALUES ($1, $2, $3::json, $4::json, $5, $6)`,
        [datasetId, next, jsonParam(v.data), jsonParam(v.findings), v.userId, v.note ?? null],
      );
      await tx.query('UPDATE datasets SET version = $2, updated_at = now() WHERE id = $1', [datasetId, next]);
      await holdBeforeCommitForTest();
      return (await versionIn(tx, datasetId, next))!;
    }),

    getVersion: (datasetId, version) => versionIn(db, datasetId, version),

    async listVersions(datasetId) {
      const rows = await db.query(
        `SELECT v.dataset_id, v.version, v.findings, v.saved_by, u.display_name AS saved_by_name, v.saved_at, v.note
           FROM dataset_versions v JOIN users u ON u.id = v.saved_by
          WHERE v.dataset_id = $1 ORDER BY v.version`,
        [datasetId],
      );
      return rows.map(toVersionSummary);
    },
  };
}
