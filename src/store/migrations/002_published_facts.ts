/**
 * Migration 002: published facts (issue 14 part 4) — one row per fact of a
 * published bundle, written in the same transaction as the bundle, so that
 * the open-data API and the finance bureau's 汇总 read the published figures
 * without parsing files. Append-only like the bundle itself; which edition is
 * current is read from bundles.superseded_by (never copied, never stale).
 */
export const name = 'published_facts';

export const sql = `
CREATE TABLE published_facts (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bundle_id   integer NOT NULL REFERENCES bundles (id),
  dataset_id  integer NOT NULL REFERENCES datasets (id),
  org_id      integer NOT NULL REFERENCES organisations (id),
  region_id   integer NOT NULL REFERENCES regions (id),
  -- the report's year, and the fact's own (上年数 are year - 1)
  year        integer NOT NULL,
  fact_year   integer NOT NULL,
  scenario    text NOT NULL CHECK (scenario IN ('actual', 'budget_initial', 'budget_adjusted', 'budget')),
  concept     text NOT NULL CHECK (concept <> ''),
  dims        jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- canonical text of dims: keys sorted, 'k=v' joined by ';' ('' when none)
  dims_key    text NOT NULL DEFAULT '',
  -- money in 分, counts as whole numbers: exact
  value       bigint NOT NULL,
  precision   bigint NOT NULL CHECK (precision >= 1),
  -- '万元' for money (value in 分), otherwise the count's unit
  unit        text NOT NULL,
  -- true for totals the dataset only implies (computed from stated facts)
  derived     boolean NOT NULL,
  source      text NOT NULL,
  edition     integer NOT NULL
);
CREATE INDEX published_facts_bundle_idx ON published_facts (bundle_id);
CREATE INDEX published_facts_region_year_idx ON published_facts (region_id, year, id);
CREATE INDEX published_facts_org_year_idx ON published_facts (org_id, year);

CREATE TRIGGER published_facts_immutable BEFORE UPDATE OR DELETE ON published_facts
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER published_facts_no_truncate BEFORE TRUNCATE ON published_facts
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
`;
