/**
 * Migration 005: what the public portal's unit page and the finance bureau's
 * 汇总 read, kept at publication instead of recomputed on every request.
 *
 * - published_figures: per published bundle, the unit page's figures of that
 *   edition (written by addBundle in the bundle's transaction, computed by the
 *   app from the dataset it publishes): `measures` (read by every page, small)
 *   and `details` (larger, read only when needed).
 *   Opaque JSON to the store; append-only like the bundle. Bundles published
 *   before this migration have none: the portal reads their open-data file.
 *
 * - region_sums: per region and report year, the 汇总's lines over the current
 *   editions of that region's units (the region a unit had when it published,
 *   as in published_sums): for each line its exact sum (numeric, 分 or counts)
 *   and how many units' editions have it. Kept by addBundle in the bundle's
 *   transaction: the new edition's lines added, the edition it supersedes
 *   taken away, in one statement (keys in order, so two publications in one
 *   region queue instead of deadlocking). One bundle's lines come from its
 *   published_sums rows (migration 004):
 *     grp 'total'      key = concept       kind 'total', concept of the totals
 *     grp 'functional' key = code prefix   kind 'functional', an expense concept,
 *                                         prefixes of 3, 5 and 7 digits
 *     grp 'economic'   key = code          kind 'economic', a basic-expense concept
 *     grp 'economic'   key = '#' concept   the same, by concept
 *     grp 'unit'       key = org id        value 0: the unit's edition has a
 *                                         决算数 of any of those concepts
 *   so each bundle counts once per line, and a region's count of units is the
 *   count of bundles (the 'unit' lines say which units: one row per unit, read
 *   by index, where finding them among the bundles' sums took a scan). The lists of concepts are the store's (src/store/summed.ts);
 *   the backfill below spells out the lists as they are at this migration.
 *   Rows whose units fall to 0 stay, with value 0; readers skip them.
 */
export const name = 'portal_figures';

const TOTALS = `ARRAY['total.income', 'income.total', 'income.fiscal', 'income.general_budget', 'income.gov_fund', 'income.state_capital',
  'total.expense', 'expense.total', 'expense.basic', 'expense.project', 'expense.fiscal',
  'sangong.total', 'sangong.abroad', 'sangong.vehicle', 'sangong.vehicle_purchase', 'sangong.vehicle_operation',
  'sangong.reception', 'sangong.reception_domestic', 'sangong.reception_foreign', 'operating_cost']`;
const EXPENSE = `ARRAY['expense.basic', 'expense.project', 'expense.remit', 'expense.operating', 'expense.affiliate_subsidy']`;
const BASIC = `ARRAY['basic.personnel', 'basic.public']`;

export const sql = `
CREATE TABLE published_figures (
  bundle_id integer PRIMARY KEY REFERENCES bundles (id),
  measures  jsonb NOT NULL,
  details   jsonb NOT NULL
);
CREATE TRIGGER published_figures_immutable BEFORE UPDATE OR DELETE ON published_figures
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER published_figures_no_truncate BEFORE TRUNCATE ON published_figures
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE TABLE region_sums (
  region_id integer NOT NULL REFERENCES regions (id),
  year      integer NOT NULL,
  grp       text NOT NULL CHECK (grp IN ('total', 'functional', 'economic', 'unit')),
  key       text NOT NULL,
  value     numeric NOT NULL,
  -- (no CHECK (units >= 0): a line taken away is inserted with units -1 before it meets its row)
  units     integer NOT NULL,
  PRIMARY KEY (year, region_id, grp, key)
);

INSERT INTO region_sums (region_id, year, grp, key, value, units)
SELECT s.region_id, s.year, l.grp, l.key, sum(l.value) AS value, count(*) AS units
  FROM (
    SELECT s.bundle_id, 'total' AS grp, s.concept AS key, s.value
      FROM published_sums s WHERE s.kind = 'total' AND s.concept = ANY (${TOTALS})
    UNION ALL
    SELECT s.bundle_id, 'functional', left(s.code, n.n), sum(s.value)
      FROM published_sums s, (VALUES (3), (5), (7)) AS n (n)
     WHERE s.kind = 'functional' AND s.concept = ANY (${EXPENSE}) AND length(s.code) >= n.n
     GROUP BY s.bundle_id, left(s.code, n.n)
    UNION ALL
    SELECT s.bundle_id, 'economic', s.code, sum(s.value)
      FROM published_sums s WHERE s.kind = 'economic' AND s.concept = ANY (${BASIC})
     GROUP BY s.bundle_id, s.code
    UNION ALL
    SELECT s.bundle_id, 'economic', '#' || s.concept, sum(s.value)
      FROM published_sums s WHERE s.kind = 'economic' AND s.concept = ANY (${BASIC})
     GROUP BY s.bundle_id, s.concept
    UNION ALL
    SELECT s.bundle_id, 'unit', min(s.org_id)::text, 0
      FROM published_sums s WHERE s.concept = ANY (${TOTALS} || ${EXPENSE} || ${BASIC})
     GROUP BY s.bundle_id
  ) AS l
  JOIN bundles b ON b.id = l.bundle_id AND b.superseded_by IS NULL
  JOIN (SELECT DISTINCT bundle_id, region_id, year FROM published_sums) AS s ON s.bundle_id = l.bundle_id
 GROUP BY s.region_id, s.year, l.grp, l.key;
`;
