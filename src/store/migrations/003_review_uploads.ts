/**
 * Migration 003: reports published outside the system, uploaded by a finance
 * bureau's reviewer for review (issue 14 part 6). An upload is a batch of
 * files; each file is reviewed by its own `audit` job, whose result (the text
 * as read and the findings) is written once. Batches, files and results are
 * append-only: what was uploaded and what the audit said never change. A
 * failed file has no result row: its job holds the Chinese reason.
 */
export const name = 'review_uploads';

export const sql = `
ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('render', 'publish', 'audit'));

CREATE TABLE review_batches (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        text NOT NULL CHECK (name <> '' AND length(name) <= 300),
  uploaded_by integer NOT NULL REFERENCES users (id),
  -- the uploader's region when uploaded (NULL: 管理员); who may see the batch follows it
  region_id   integer REFERENCES regions (id),
  -- files of the upload that were not queued, with the reason: [{name, reason}]
  skipped     jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(skipped) = 'array'),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_batches_region_idx ON review_batches (region_id, id);
CREATE INDEX review_batches_user_idx ON review_batches (uploaded_by, id);

-- 10 MB per file, as any upload; the database checks size and SHA-256 against the bytes.
CREATE TABLE review_files (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  batch_id   integer NOT NULL REFERENCES review_batches (id),
  job_id     integer NOT NULL CONSTRAINT review_files_job_key UNIQUE REFERENCES jobs (id),
  name       text NOT NULL CHECK (name <> '' AND length(name) <= 300),
  bytes      integer NOT NULL CHECK (bytes = octet_length(data) AND bytes <= 10485760),
  sha256     text NOT NULL CHECK (sha256 = encode(sha256(data), 'hex')),
  data       bytea NOT NULL
);
CREATE INDEX review_files_batch_idx ON review_files (batch_id, id);

-- The audit of one file: written once by its job.
CREATE TABLE review_results (
  file_id    integer PRIMARY KEY REFERENCES review_files (id),
  format     text NOT NULL,
  -- the text as read (quotes are offsets into it), at most 2,000,000 characters
  text       text NOT NULL CHECK (length(text) <= 2000000),
  truncated  boolean NOT NULL DEFAULT false,
  page_starts jsonb,
  unit       text,
  year       integer,
  facts      integer NOT NULL,
  errors     integer NOT NULL,
  warnings   integer NOT NULL,
  findings   jsonb NOT NULL CHECK (jsonb_typeof(findings) = 'array'),
  at         timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER review_batches_immutable BEFORE UPDATE OR DELETE ON review_batches
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER review_files_immutable BEFORE UPDATE OR DELETE ON review_files
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER review_results_immutable BEFORE UPDATE OR DELETE ON review_results
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER review_batches_no_truncate BEFORE TRUNCATE ON review_batches
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER review_files_no_truncate BEFORE TRUNCATE ON review_files
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER review_results_no_truncate BEFORE TRUNCATE ON review_results
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
`;
