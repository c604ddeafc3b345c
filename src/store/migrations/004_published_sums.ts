/**
 * Migration 004: sums of each published bundle's figures, written at
 * publication in the same transaction as its facts (insertFacts), so that the
 * finance bureau's 汇总 of a region adds up a few narrow rows per unit instead
 * of reading every wide fact row (about 700,000 at 10,000 units). Exact: the
 * bundle's facts in 分 (or whole counts) added as numeric, nothing rounded.
 * Append-only like the facts; which edition is current is still read from
 * bundles.superseded_by.
 *
 * Only the report year's 决算数 (fact_year = year, scenario 'actual') are summed:
 * - kind 'total': the undimensioned facts (dims_key = ''), by concept;
 * - kind 'functional': the stated (not derived) facts with a `functional`
 *   dimension, by concept and full 功能分类 code (类/款/项 are its prefixes);
 * - kind 'economic': the stated facts with an `economic` dimension, by concept
 *   and 经济分类 code.
 * Bundles published before this migration are summed from their facts here.
 */
export const name = 'published_sums';

export const sql = `
CREATE TABLE published_sums (
  bundle_id   integer NOT NULL REFERENCES bundles (id),
  org_id      integer NOT NULL REFERENCES organisations (id),
  region_id   integer NOT NULL REFERENCES regions (id),
  year        integer NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('total', 'functional', 'economic')),
  concept     text NOT NULL,
  code        text NOT NULL,
  value       numeric NOT NULL,
  PRIMARY KEY (bundle_id, kind, concept, code)
);
CREATE INDEX published_sums_region_year_idx ON published_sums (year, region_id);

INSERT INTO published_sums (bundle_id, org_id, region_id, year, kind, concept, code, value)
SELECT bundle_id, min(org_id), min(region_id), min(year), 'total', concept, '', sum(value)
  FROM published_facts
 WHERE fact_year = year AND scenario = 'actual' AND dims_key = ''
 GROUP BY bundle_id, concept;
INSERT INTO published_sums (bundle_id, org_id, region_id, year, kind, concept, code, value)
SELECT bundle_id, min(org_id), min(region_id), min(year), 'functional', concept, dims->>'functional', sum(value)
  FROM published_facts
 WHERE fact_year = year AND scenario = 'actual' AND NOT derived AND coalesce(dims->>'functional', '') <> ''
 GROUP BY bundle_id, concept, dims->>'functional';
INSERT INTO published_sums (bundle_id, org_id, region_id, year, kind, concept, code, value)
SELECT bundle_id, min(org_id), min(region_id), min(year), 'economic', concept, dims->>'economic', sum(value)
  FROM published_facts
 WHERE fact_year = year AND scenario = 'actual' AND NOT derived AND coalesce(dims->>'economic', '') <> ''
 GROUP BY bundle_id, concept, dims->>'economic';

CREATE TRIGGER published_sums_immutable BEFORE UPDATE OR DELETE ON published_sums
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER published_sums_no_truncate BEFORE TRUNCATE ON published_sums
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
`;
