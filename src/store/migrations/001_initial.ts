/**
 * Migration 001: the web application's tables.
 *
 * Plain SQL in the subset PostgreSQL 15 (Debian's server) and PGlite
 * (PostgreSQL 18) both speak. Kept as a TypeScript string so that `tsc`
 * carries it into dist/ and tsx runs it from src/ alike. Names are left
 * unqualified: the runner sets search_path to the store's schema.
 */
export const name = 'initial';

export const sql = `
-- 地区 (regions): 省 → 市 → 县
CREATE TABLE regions (
  id        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code      text NOT NULL CONSTRAINT regions_code_key UNIQUE CHECK (code <> ''),
  name      text NOT NULL CHECK (name <> ''),
  level     text NOT NULL CHECK (level IN ('省', '市', '县')),
  parent_id integer REFERENCES regions (id)
);
CREATE INDEX regions_parent_idx ON regions (parent_id);

-- 主管部门 (部门, a department) and the 单位 (units) under it
CREATE TABLE organisations (
  id        integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code      text NOT NULL CONSTRAINT organisations_code_key UNIQUE CHECK (code <> ''),
  name      text NOT NULL CHECK (name <> ''),
  kind      text NOT NULL CHECK (kind IN ('部门', '单位')),
  parent_id integer REFERENCES organisations (id),
  region_id integer NOT NULL REFERENCES regions (id)
);
CREATE INDEX organisations_region_idx ON organisations (region_id);
CREATE INDEX organisations_parent_idx ON organisations (parent_id);

CREATE TABLE users (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username      text NOT NULL CONSTRAINT users_username_key UNIQUE CHECK (username <> ''),
  display_name  text NOT NULL,
  password_hash text NOT NULL,
  role          text NOT NULL CHECK (role IN ('filler', 'unit_reviewer', 'finance_reviewer', 'admin')),
  org_id        integer REFERENCES organisations (id),
  region_id     integer REFERENCES regions (id),
  disabled      boolean NOT NULL DEFAULT false,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Only the SHA-256 of the cookie's token is stored.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id    integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- One unit's final account for one year; its figures live in dataset_versions.
CREATE TABLE datasets (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id       integer NOT NULL REFERENCES organisations (id),
  year         integer NOT NULL CHECK (year BETWEEN 1990 AND 2200),
  status       text NOT NULL DEFAULT 'draft'
               CHECK (status IN ('draft', 'submitted', 'unit_approved', 'returned', 'finance_approved', 'published')),
  version      integer NOT NULL CHECK (version >= 1),
  explanations jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(explanations) = 'object'),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT datasets_org_year_key UNIQUE (org_id, year)
);
CREATE INDEX datasets_year_status_idx ON datasets (year, status);

-- data and findings are json, not jsonb: a saved dataset comes back with its
-- keys in the order they were written (jsonb would sort them), and nothing
-- queries inside them.
CREATE TABLE dataset_versions (
  dataset_id integer NOT NULL REFERENCES datasets (id),
  version    integer NOT NULL CHECK (version >= 1),
  data       json NOT NULL CHECK (json_typeof(data) = 'object'),
  findings   json NOT NULL DEFAULT '[]'::json CHECK (json_typeof(findings) = 'array'),
  saved_by   integer NOT NULL REFERENCES users (id),
  saved_at   timestamptz NOT NULL DEFAULT now(),
  note       text,
  PRIMARY KEY (dataset_id, version)
);

-- A dataset's current version always exists (checked at COMMIT, since the
-- dataset row and its first version are written in one transaction).
ALTER TABLE datasets ADD CONSTRAINT datasets_current_version_fkey
  FOREIGN KEY (id, version) REFERENCES dataset_versions (dataset_id, version)
  DEFERRABLE INITIALLY DEFERRED;

-- The workflow's history: append-only (trigger below).
CREATE TABLE workflow_events (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dataset_id  integer NOT NULL REFERENCES datasets (id),
  action      text NOT NULL CHECK (action IN ('create', 'import', 'submit', 'unit_approve', 'unit_return',
                                              'finance_approve', 'finance_return', 'publish', 'reopen')),
  from_status text CHECK (from_status IN ('draft', 'submitted', 'unit_approved', 'returned', 'finance_approved', 'published')),
  to_status   text NOT NULL CHECK (to_status IN ('draft', 'submitted', 'unit_approved', 'returned', 'finance_approved', 'published')),
  version     integer NOT NULL,
  actor_id    integer NOT NULL REFERENCES users (id),
  comment     text,
  at          timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (dataset_id, version) REFERENCES dataset_versions (dataset_id, version)
);
CREATE INDEX workflow_events_dataset_idx ON workflow_events (dataset_id, id);

-- Reviewers' comments on a dataset path ('' = the whole dataset).
CREATE TABLE comments (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dataset_id integer NOT NULL REFERENCES datasets (id),
  path       text NOT NULL DEFAULT '',
  body       text NOT NULL CHECK (body <> ''),
  author_id  integer NOT NULL REFERENCES users (id),
  version    integer NOT NULL,
  resolved   boolean NOT NULL DEFAULT false,
  at         timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (dataset_id, version) REFERENCES dataset_versions (dataset_id, version)
);
CREATE INDEX comments_dataset_idx ON comments (dataset_id, id);

-- Published bundles: immutable once written, except that a later edition
-- sets superseded_by once (trigger below). 更正说明 from edition 2 on.
CREATE TABLE bundles (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dataset_id      integer NOT NULL REFERENCES datasets (id),
  edition         integer NOT NULL CHECK (edition >= 1),
  dataset_version integer NOT NULL,
  published_by    integer NOT NULL REFERENCES users (id),
  published_at    timestamptz NOT NULL DEFAULT now(),
  correction_note text CHECK (edition = 1 OR (correction_note IS NOT NULL AND correction_note <> '')),
  superseded_by   integer REFERENCES bundles (id),
  CONSTRAINT bundles_dataset_edition_key UNIQUE (dataset_id, edition),
  FOREIGN KEY (dataset_id, dataset_version) REFERENCES dataset_versions (dataset_id, version)
);

-- The database itself checks that each file's stated size and SHA-256 are its bytes'.
CREATE TABLE bundle_files (
  bundle_id  integer NOT NULL REFERENCES bundles (id),
  name       text NOT NULL CHECK (name <> ''),
  media_type text NOT NULL,
  bytes      integer NOT NULL CHECK (bytes = octet_length(data)),
  sha256     text NOT NULL CHECK (sha256 = encode(sha256(data), 'hex')),
  data       bytea NOT NULL,
  PRIMARY KEY (bundle_id, name)
);

-- A queue of render/publish jobs, claimed with FOR UPDATE SKIP LOCKED.
CREATE TABLE jobs (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('render', 'publish')),
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  payload      jsonb NOT NULL DEFAULT '{}'::jsonb,
  progress     integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  stage        text NOT NULL DEFAULT '排队中',
  error        text,
  result       jsonb,
  requested_by integer REFERENCES users (id),
  attempts     integer NOT NULL DEFAULT 0,
  locked_by    text,
  locked_at    timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  finished_at  timestamptz,
  CHECK (status <> 'running' OR locked_at IS NOT NULL)
);
CREATE INDEX jobs_queued_idx ON jobs (id) WHERE status = 'queued';
CREATE INDEX jobs_running_idx ON jobs (locked_at) WHERE status = 'running';

CREATE TABLE job_files (
  job_id     integer NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
  name       text NOT NULL CHECK (name <> ''),
  media_type text NOT NULL,
  bytes      integer NOT NULL CHECK (bytes = octet_length(data)),
  sha256     text NOT NULL CHECK (sha256 = encode(sha256(data), 'hex')),
  data       bytea NOT NULL,
  PRIMARY KEY (job_id, name)
);

-- Immutability, enforced by the database whatever the application does.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER workflow_events_immutable BEFORE UPDATE OR DELETE ON workflow_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER dataset_versions_immutable BEFORE UPDATE OR DELETE ON dataset_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER bundle_files_immutable BEFORE UPDATE OR DELETE ON bundle_files
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER bundles_no_delete BEFORE DELETE ON bundles
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- TRUNCATE skips row triggers, so it is refused separately.
CREATE TRIGGER workflow_events_no_truncate BEFORE TRUNCATE ON workflow_events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER dataset_versions_no_truncate BEFORE TRUNCATE ON dataset_versions
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER bundles_no_truncate BEFORE TRUNCATE ON bundles
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER bundle_files_no_truncate BEFORE TRUNCATE ON bundle_files
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- The one change a bundle allows: superseded_by, from NULL to a later
-- edition of the same dataset, once.
CREATE FUNCTION bundles_supersede_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.superseded_by IS NULL AND NEW.superseded_by IS NOT NULL
     AND to_jsonb(NEW) - 'superseded_by' = to_jsonb(OLD) - 'superseded_by'
     AND EXISTS (SELECT 1 FROM bundles later
                  WHERE later.id = NEW.superseded_by
                    AND later.dataset_id = OLD.dataset_id
                    AND later.edition > OLD.edition) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'bundles are immutable: only superseded_by may be set, once'
    USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER bundles_immutable BEFORE UPDATE ON bundles
  FOR EACH ROW EXECUTE FUNCTION bundles_supersede_only();
`;
