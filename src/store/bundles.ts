/** Published bundles (公开文件): immutable once written; a correction is a new edition. */
import type { Bundle, BundleFile, Organisation, Region } from '../api/contract.js';
import type { Db, Queryable, Row } from './db.js';
import { applyRegionSums, insertFacts } from './facts.js';
import { checkFile, toFile, toFileMeta } from './files.js';
import { byteaParam, int, intOrNull, iso, jsonParam, mapDuplicate, NotFound, str, strOrNull } from './rows.js';
import type { Store } from './types.js';
import { transitionIn } from './workflow.js';

type BundleMethods = Pick<Store, 'addBundle' | 'listBundles' | 'getBundle' | 'getBundleFile' | 'publishedOf' | 'latestBundleId' | 'bundleFigures'>;

const BUNDLE_SELECT = `
  SELECT b.id, b.dataset_id, o.name AS org_name, d.year, b.edition, b.dataset_version, b.published_at,
         u.display_name AS published_by, b.correction_note, b.superseded_by
    FROM bundles b
    JOIN datasets d ON d.id = b.dataset_id
    JOIN organisations o ON o.id = d.org_id
    JOIN users u ON u.id = b.published_by`;

const toBundle = (r: Row, files: BundleFile[]): Bundle => ({
  id: int(r.id),
  datasetId: int(r.dataset_id),
  orgName: str(r.org_name),
  year: int(r.year),
  edition: int(r.edition),
  datasetVersion: int(r.dataset_version),
  publishedAt: iso(r.published_at),
  publishedBy: str(r.published_by),
  correctionNote: strOrNull(r.correction_note),
  supersededBy: intOrNull(r.superseded_by),
  files,
});

/** The bundles of these rows with their files' metadata (never their bytes). */
async function withFiles(q: Queryable, rows: Row[]): Promise<Bundle[]> {
  if (rows.length === 0) return [];
  const files = await q.query(
    `SELECT bundle_id, name, media_type, bytes, sha256 FROM bundle_files
      WHERE bundle_id = ANY ($1::integer[]) ORDER BY bundle_id, name`,
    [rows.map((r) => int(r.id))],
  );
  const byBundle = new Map<number, BundleFile[]>();
  for (const f of files) {
    const id = int(f.bundle_id);
    byBundle.set(id, [...(byBundle.get(id) ?? []), toFileMeta(f)]);
  }
  return rows.map((r) => toBundle(r, byBundle.get(int(r.id)) ?? []));
}

async function bundleIn(q: Queryable, id: number): Promise<Bundle | null> {
  const rows = await q.query(`${BUNDLE_SELECT} WHERE b.id = $1`, [id]);
  return (await withFiles(q, rows))[0] ?? null;
}

export function bundleMethods(db: Db): BundleMethods {
  return {
    async addBundle(b) {
      if (b.files.length === 0) throw new Error('公开文件不能为空');
      for (const f of b.files) checkFile(f);
      return mapDuplicate(() => db.transaction(async (tx) => {
        // Locking the dataset row numbers its editions one at a time.
        // Published in the same transaction as the bundle is stored: both or neither.
        if (b.publish) await transitionIn(tx, b.datasetId, b.publish);
        const locked = await tx.query('SELECT id FROM datasets WHERE id = $1 FOR UPDATE', [b.datasetId]);
        if (!locked[0]) throw new NotFound('数据');
        const prev = await tx.query(
          'SELECT id, edition FROM bundles WHERE dataset_id = $1 ORDER BY edition DESC LIMIT 1',
          [b.datasetId],
        );
        const edition = prev[0] ? int(prev[0].edition) + 1 : 1;
        if (edition > 1 && !b.correctionNote?.trim()) {
          throw new Error(`第 ${edition} 版公开是对已公开报告的更正，须填写更正说明`);
        }
        const inserted = await tx.query(
          `INSERT INTO bundles (dataset_id, edition, dataset_version, published_by, correction_note)
           VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [b.datasetId, edition, b.datasetVersion, b.userId, b.correctionNote],
        );
        const id = int(inserted[0]!.id);
        for (const f of b.files) {
          await tx.query(
            'INSERT INTO bundle_files (bundle_id, name, media_type, bytes, sha256, data) VALUES ($1, $2, $3, $4, $5, $6)',
            [id, f.name, f.mediaType, f.bytes, f.sha256, byteaParam(f.data)],
          );
        }
        // The bundle's figures, in its own transaction: never a bundle without its facts.
        await insertFacts(tx, id, b.datasetId, edition, b.facts ?? []);
        if (b.figures) {
          await tx.query('INSERT INTO published_figures (bundle_id, measures, details) VALUES ($1, $2::jsonb, $3::jsonb)', [
            id, jsonParam(b.figures.measures), jsonParam(b.figures.details),
          ]);
        }
        if (prev[0]) {
          await tx.query('UPDATE bundles SET superseded_by = $2 WHERE id = $1', [int(prev[0].id), id]);
        }
        // The 汇总's lines of the region-year: this edition's in, the one it supersedes out.
        await applyRegionSums(tx, id, prev[0] ? int(prev[0].id) : null);
        return (await bundleIn(tx, id))!;
      }));
    },

    async listBundles(filter) {
      const rows = await db.query(
        `${BUNDLE_SELECT}
          WHERE ($1::integer IS NULL OR b.dataset_id = $1::integer)
            AND ($2::integer[] IS NULL OR d.org_id = ANY ($2::integer[]))
          ORDER BY b.id`,
        [filter.datasetId ?? null, filter.orgIds ?? null],
      );
      return withFiles(db, rows);
    },

    getBundle: (id) => bundleIn(db, id),

    async latestBundleId() {
      const rows = await db.query('SELECT coalesce(max(id), 0) AS id FROM bundles');
      return int(rows[0]!.id);
    },

    async publishedOf(q) {
      // Two statements of fixed shape (one per kind of question, no `$n IS NULL OR …`), prepared: the public pages'
      // hottest reads, their plans the same whatever the bundle or codes.
      const byBundle = 'bundleId' in q;
      const withFigures = !byBundle && q.figures !== undefined;
      const rows = await db.query(
        `SELECT b.id, b.dataset_id, o.name AS org_name, d.year, b.edition, b.dataset_version, b.published_at,
                u.display_name AS published_by, b.correction_note, b.superseded_by,
                o.id AS org_id, o.code AS org_code, o.kind AS org_kind, o.parent_id AS org_parent_id, o.region_id,
                r.code AS region_code, r.name AS region_name, r.level AS region_level, r.parent_id AS region_parent_id,
                (SELECT coalesce(json_agg(json_build_object('name', f.name, 'mediaType', f.media_type, 'bytes', f.bytes, 'sha256', f.sha256)
                                          ORDER BY f.name), '[]'::json)
                   FROM bundle_files f WHERE f.bundle_id = b.id) AS files${withFigures ? `,
                pf.measures${q.figures === 'details' ? ', pf.details' : ''}` : ''}
           FROM bundles b
           JOIN datasets d ON d.id = b.dataset_id
           JOIN organisations o ON o.id = d.org_id
           JOIN regions r ON r.id = o.region_id
           JOIN users u ON u.id = b.published_by${withFigures ? `
           LEFT JOIN published_figures pf ON pf.bundle_id = b.id AND b.superseded_by IS NULL` : ''}
          WHERE ${byBundle ? 'b.dataset_id = (SELECT x.dataset_id FROM bundles x WHERE x.id = $1::integer)' : 'o.code = ANY ($1::text[])'}
          ORDER BY b.id`,
        [byBundle ? q.bundleId : q.orgCodes],
        { prepared: true },
      );
      const figures = new Map<number, { measures: unknown; details?: unknown }>();
      if (withFigures) {
        for (const r of rows) {
          if (r.measures !== null && r.measures !== undefined) {
            figures.set(int(r.id), { measures: r.measures, ...(q.figures === 'details' ? { details: r.details } : {}) });
          }
        }
      }
      const orgs = new Map<number, Organisation>();
      const regions = new Map<number, Region>();
      const bundles = rows.map((r) => {
        const orgId = int(r.org_id);
        orgs.set(orgId, { id: orgId, code: str(r.org_code), name: str(r.org_name), kind: str(r.org_kind) as Organisation['kind'], parentId: intOrNull(r.org_parent_id), regionId: int(r.region_id) });
        regions.set(int(r.region_id), { id: int(r.region_id), code: str(r.region_code), name: str(r.region_name), level: str(r.region_level) as Region['level'], parentId: intOrNull(r.region_parent_id) });
        const files = (typeof r.files === 'string' ? JSON.parse(r.files) : r.files) as BundleFile[];
        return { ...toBundle(r, files), orgId };
      });
      return { bundles, orgs: [...orgs.values()], regions: [...regions.values()], ...(withFigures ? { figures } : {}) };
    },

    async bundleFigures(bundleIds, opts = {}) {
      const out = new Map<number, { measures: unknown; details?: unknown }>();
      if (bundleIds.length === 0) return out;
      const rows = await db.query(
        `SELECT bundle_id, measures${opts.details ? ', details' : ''} FROM published_figures WHERE bundle_id = ANY ($1::integer[])`,
        [[...bundleIds]],
      );
      for (const r of rows) out.set(int(r.bundle_id), { measures: r.measures, ...(opts.details ? { details: r.details } : {}) });
      return out;
    },

    async getBundleFile(bundleId, name) {
      const rows = await db.query('SELECT * FROM bundle_files WHERE bundle_id = $1 AND name = $2', [bundleId, name]);
      return rows[0] ? toFile(rows[0]) : null;
    },
  };
}
