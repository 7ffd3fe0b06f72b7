-- API keys: stored as SHA-256 of the key (keys are 256-bit random, so a fast hash is enough),
-- shown once at creation, revocable, scoped to one workspace and one role.
CREATE TABLE api_key (
    id           uuid PRIMARY KEY,
    workspace_id bigint      NOT NULL REFERENCES workspace (id),
    name         text        NOT NULL,
    role         text        NOT NULL CHECK (role IN ('grader', 'reviewer', 'admin')),
    key_hash     text        NOT NULL UNIQUE,
    key_prefix   text        NOT NULL,
    created_by   uuid REFERENCES api_key (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    revoked_at   timestamptz,
    last_used_at timestamptz
);
CREATE INDEX api_key_workspace_idx ON api_key (workspace_id, created_at);

-- Which key logged each grade: a grader key reads only its own grades.
ALTER TABLE grade ADD COLUMN created_by_key uuid REFERENCES api_key (id);
CREATE INDEX grade_created_by_idx ON grade (workspace_id, created_by_key, created_at DESC);
