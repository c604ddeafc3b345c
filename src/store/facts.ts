/**
 * Published facts: one row per fact of a published bundle, written by
 * addBundle in the bundle's own transaction (insertFacts) and read page by
 * page (keyset on id) for the open-data API and the 汇总. A fact belongs to
 * the published figures while its bundle has not been superseded.
 */
import type { Queryable, Row } from './db.js';
import { int, intOrNull, NotFound, str } from './rows.js';
import { BASIC_KINDS, EXPENSE_KINDS, SUMMED_CONCEPTS, SUMMED_TOTALS } from './summed.js';
import { dimsKey, type FactFilter, type FactSums, type NewFact, type PublishedFact, type Store } from './types.js';
import type { Db } from './db.js';

type FactMethods = Pick<Store, 'listFacts' | 'streamFacts' | 'sumFacts'>;

const SCENARIOS = new Set(['actual', 'budget_initial', 'budget_adjusted', 'budget']);

/** Stores the facts of bundle `bundleId` (of `datasetId`, edition `edition`) inside the caller's transaction. */
export async function insertFacts(tx: Queryable, bundleId: number, datasetId: number, edition: number, facts: readonly NewFact[]): Promise<void> {
  if (facts.length === 0) return;
  const where = await tx.query(
    `SELECT d.org_id, d.year, o.region_id FROM datasets d JOIN organisations o ON o.id = d.org_id WHERE d.id = $1`,
    [datasetId],
  );
  if (!where[0]) throw new NotFound('数据');
  for (const f of facts) {
    if (!SCENARIOS.has(f.scenario)) throw new Error(`未知的数据口径：${f.scenario}`);
  }
  // One statement for all the facts: parallel arrays, unnested.
  await tx.query(
    `INSERT INTO published_facts
       (bundle_id, dataset_id, org_id, region_id, year, edition, fact_year, scenario, concept, dims, dims_key, value, precision, unit, derived, source)
     SELECT $1, $2, $3, $4, $5, $6, f.fact_year, f.scenario, f.concept, f.dims::jsonb, f.dims_key, f.value::bigint, f.precision::bigint, f.unit, f.derived, f.source
       FROM unnest($7::integer[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::boolean[], $16::text[])
         AS f (fact_year, scenario, concept, dims, dims_key, value, precision, unit, derived, source)`,
    [
      bundleId, datasetId, int(where[0].org_id), int(where[0].region_id), int(where[0].year), edition,
      facts.map((f) => f.year),
      facts.map((f) => f.scenario),
      facts.map((f) => f.concept),
      facts.map((f) => JSON.stringify(f.dims)),
      facts.map((f) => dimsKey(f.dims)),
      facts.map((f) => f.value.toString()),
      facts.map((f) => f.precision.toString()),
      facts.map((f) => f.unit),
      facts.map((f) => f.derived),
      facts.map((f) => f.source),
    ],
  );
  // The bundle's sums for the 汇总 (migration 004), from the rows just written: exact, in the same transaction.
  await tx.query(
    `INSERT INTO published_sums (bundle_id, org_id, region_id, year, kind, concept, code, value)
     SELECT f.bundle_id, min(f.org_id), min(f.region_id), min(f.year), s.kind, f.concept, s.code, sum(f.value)
       FROM published_facts f,
            LATERAL (VALUES
              ('total', CASE WHEN f.dims_key = '' THEN '' END),
              ('functional', CASE WHEN NOT f.derived AND coalesce(f.dims->>'functional', '') <> '' THEN f.dims->>'functional' END),
              ('economic', CASE WHEN NOT f.derived AND coalesce(f.dims->>'economic', '') <> '' THEN f.dims->>'economic' END)
            ) AS s (kind, code)
      WHERE f.bundle_id = $1 AND f.fact_year = f.year AND f.scenario = 'actual' AND s.code IS NOT NULL
      GROUP BY f.bundle_id, s.kind, f.concept, s.code`,
    [bundleId],
  );
}

/**
 * Keeps the 汇总's per region-year lines (region_sums, migration 005) inside the caller's transaction: adds the lines
 * of bundle `added` and takes away those of `removed` (the edition it supersedes), from their published_sums rows, in
 * one statement with its keys in order (concurrent publications in one region wait for each other, never deadlock).
 */
export async function applyRegionSums(tx: Queryable, added: number, removed: number | null): Promise<void> {
  await tx.query(
    `INSERT INTO region_sums (region_id, year, grp, key, value, units)
     SELECT min(b.region_id), min(b.year), l.grp, l.key, sum(b.sign * l.value), sum(b.sign)::integer
       FROM (SELECT DISTINCT s.bundle_id, s.region_id, s.year, CASE WHEN s.bundle_id = $1 THEN 1 ELSE -1 END AS sign
               FROM published_sums s WHERE s.bundle_id = $1 OR s.bundle_id = $2::integer) AS b
       JOIN (
         SELECT s.bundle_id, 'total' AS grp, s.concept AS key, s.value
           FROM published_sums s
          WHERE (s.bundle_id = $1 OR s.bundle_id = $2::integer) AND s.kind = 'total' AND s.concept = ANY ($3::text[])
         UNION ALL
         SELECT s.bundle_id, 'functional', left(s.code, n.n), sum(s.value)
           FROM published_sums s, (VALUES (3), (5), (7)) AS n (n)
          WHERE (s.bundle_id = $1 OR s.bundle_id = $2::integer) AND s.kind = 'functional' AND s.concept = ANY ($4::text[]) AND length(s.code) >= n.n
          GROUP BY s.bundle_id, left(s.code, n.n)
         UNION ALL
         SELECT s.bundle_id, 'economic', s.code, sum(s.value)
           FROM published_sums s
          WHERE (s.bundle_id = $1 OR s.bundle_id = $2::integer) AND s.kind = 'economic' AND s.concept = ANY ($5::text[])
          GROUP BY s.bundle_id, s.code
         UNION ALL
         SELECT s.bundle_id, 'economic', '#' || s.concept, sum(s.value)
           FROM published_sums s
          WHERE (s.bundle_id = $1 OR s.bundle_id = $2::integer) AND s.kind = 'economic' AND s.concept = ANY ($5::text[])
          GROUP BY s.bundle_id, s.concept
         UNION ALL
         SELECT s.bundle_id, 'unit', min(s.org_id)::text, 0
           FROM published_sums s
          WHERE (s.bundle_id = $1 OR s.bundle_id = $2::integer) AND s.concept = ANY ($6::text[])
          GROUP BY s.bundle_id
       ) AS l ON l.bundle_id = b.bundle_id
      GROUP BY b.region_id, b.year, l.grp, l.key
      ORDER BY min(b.year), min(b.region_id), l.grp, l.key
     ON CONFLICT (year, region_id, grp, key)
       DO UPDATE SET value = region_sums.value + excluded.value, units = region_sums.units + excluded.units`,
    [added, removed, SUMMED_TOTALS, EXPENSE_KINDS, BASIC_KINDS, SUMMED_CONCEPTS],
  );
}

const toFact = (r: Row): PublishedFact => ({
  id: int(r.id),
  bundleId: int(r.bundle_id),
  datasetId: int(r.dataset_id),
  orgId: int(r.org_id),
  orgCode: str(r.org_code),
  orgName: str(r.org_name),
  regionId: int(r.region_id),
  regionCode: str(r.region_code),
  regionName: str(r.region_name),
  reportYear: int(r.year),
  edition: int(r.edition),
  supersededBy: intOrNull(r.superseded_by),
  concept: str(r.concept),
  year: int(r.fact_year),
  scenario: str(r.scenario) as NewFact['scenario'],
  dims: (typeof r.dims === 'string' ? JSON.parse(r.dims) : r.dims) as Record<string, string>,
  value: BigInt(str(r.value)),
  precision: BigInt(str(r.precision)),
  unit: str(r.unit),
  derived: r.derived === true,
  source: str(r.source),
});

export function factMethods(db: Db): FactMethods {
  const listFacts: Store['listFacts'] = async (filter: FactFilter, page = {}) => {
    const limit = Math.min(Math.max(page.limit ?? 1000, 1), 10_000);
    const rows = await db.query(
      `SELECT f.id, f.bundle_id, f.dataset_id, f.org_id, o.code AS org_code, o.name AS org_name,
              f.region_id, r.code AS region_code, r.name AS region_name, f.year, f.edition, b.superseded_by,
              f.concept, f.fact_year, f.scenario, f.dims, f.value::text AS value, f.precision::text AS precision,
              f.unit, f.derived, f.source
         FROM published_facts f
         JOIN bundles b ON b.id = f.bundle_id
         JOIN organisations o ON o.id = f.org_id
         JOIN regions r ON r.id = f.region_id
        WHERE f.id > $1::bigint
          AND ($2::integer[] IS NULL OR f.region_id = ANY ($2::integer[]))
          AND ($3::integer[] IS NULL OR f.org_id = ANY ($3::integer[]))
          AND ($4::integer IS NULL OR f.year = $4::integer)
          AND ($5::text[] IS NULL OR f.concept = ANY ($5::text[]))
          AND ($6::boolean OR b.superseded_by IS NULL)
        ORDER BY f.id
        LIMIT $7::integer`,
      [
        String(page.afterId ?? 0), filter.regionIds ?? null, filter.orgIds ?? null, filter.year ?? null, filter.concepts ?? null,
        filter.includeSuperseded === true, limit,
      ],
    );
    return rows.map(toFact);
  };
  return {
    listFacts,
    async sumFacts(q) {
      // The lines kept per region and year at publication (migration 005): a few hundred rows for a province, and
      // one 'unit' line per unit whose current edition gives figures.
      const rows = await db.query(
        `SELECT grp, key, sum(value)::text AS total, sum(units)::integer AS units
           FROM region_sums
          WHERE year = $1::integer AND ($2::integer[] IS NULL OR region_id = ANY ($2::integer[]))
          GROUP BY grp, key
         HAVING sum(units) > 0`,
        [q.year, q.regionIds ?? null],
      );
      const lines = rows.filter((r) => r.grp !== 'unit');
      const orgs = rows.filter((r) => r.grp === 'unit').map((r) => Number(str(r.key))).sort((a, b) => a - b);
      const out: FactSums = { units: orgs.length, orgIds: orgs, totals: [], functional: [], economic: [] };
      for (const r of lines) {
        const grp = str(r.grp);
        const sum = { key: str(r.key), value: BigInt(str(r.total)), units: int(r.units) };
        if (grp === 'total') out.totals.push(sum);
        else if (grp === 'functional') out.functional.push(sum);
        else out.economic.push(sum);
      }
      return out;
    },
    async *streamFacts(filter, pageSize = 1000) {
      let afterId = 0;
      for (;;) {
        const page = await listFacts(filter, { afterId, limit: pageSize });
        for (const f of page) yield f;
        if (page.length < pageSize) return;
        afterId = page[page.length - 1]!.id;
      }
    },
  };
}
