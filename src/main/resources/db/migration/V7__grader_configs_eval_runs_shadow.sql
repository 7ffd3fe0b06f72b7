CREATE FUNCTION reject_row_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are never changed (row %)', TG_TABLE_NAME, OLD.id;
END;
$$ LANGUAGE plpgsql;

-- Named, versioned grader configurations (mode, prompt version, model, k, self-consistency).
-- A version never changes: a different configuration under the same name is the next version.
CREATE TABLE grader_config (
    id           bigserial PRIMARY KEY,
    workspace_id bigint      NOT NULL REFERENCES workspace (id),
    name         text        NOT NULL,
    version      int         NOT NULL CHECK (version >= 1),
    spec         jsonb       NOT NULL,
    spec_hash    text        NOT NULL,
    description  text,
    created_by   uuid,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (workspace_id, name, version)
);
CREATE TRIGGER grader_config_immutable
    BEFORE UPDATE OR DELETE ON grader_config
    FOR EACH ROW EXECUTE FUNCTION reject_row_change();

-- Which configuration grades a workspace's live traffic (NULL: the deployment's default), and
-- which one grades it again in shadow (stored, never returned).
ALTER TABLE workspace ADD COLUMN active_grader_config_id bigint REFERENCES grader_config (id);
ALTER TABLE workspace ADD COLUMN shadow_grader_config_id bigint REFERENCES grader_config (id);

-- The configuration behind each grade (NULL: the deployment default of the time).
ALTER TABLE grade ADD COLUMN grader_config_id bigint REFERENCES grader_config (id);

-- Grades a shadow configuration made of live answers: kept for comparison, never served as grades.
CREATE TABLE shadow_grade (
    id               uuid PRIMARY KEY,
    workspace_id     bigint        NOT NULL REFERENCES workspace (id),
    grade_id         uuid          NOT NULL REFERENCES grade (id),
    grader_config_id bigint        NOT NULL REFERENCES grader_config (id),
    mode             text          NOT NULL,
    overall_score    numeric(7, 3) NOT NULL,
    overall_max      numeric(7, 3) NOT NULL,
    confidence       numeric(4, 3) NOT NULL,
    flags            varchar[]     NOT NULL DEFAULT '{}',
    criteria         jsonb         NOT NULL,
    provenance       jsonb         NOT NULL,
    created_at       timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX shadow_grade_config_idx ON shadow_grade (workspace_id, grader_config_id, created_at);
CREATE TRIGGER shadow_grade_append_only
    BEFORE UPDATE OR DELETE ON shadow_grade
    FOR EACH ROW EXECUTE FUNCTION reject_row_change();

-- The answers a workspace's candidate configurations are gated on (shared eval-set rows whose
-- question_id names a question of the workspace).
CREATE TABLE gate_set (
    workspace_id bigint PRIMARY KEY REFERENCES workspace (id),
    name         text        NOT NULL,
    rows         jsonb       NOT NULL,
    row_count    int         NOT NULL,
    updated_by   uuid,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Evaluation runs, from the command line, the API or the promotion gate, with their reports.
CREATE TABLE eval_run (
    id           uuid PRIMARY KEY,
    workspace_id bigint      NOT NULL REFERENCES workspace (id),
    purpose      text        NOT NULL CHECK (purpose IN ('cli', 'api', 'gate')),
    dataset      text        NOT NULL,
    grader       jsonb       NOT NULL,
    options      jsonb       NOT NULL,
    status       text        NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    graded       int         NOT NULL DEFAULT 0,
    total        int         NOT NULL DEFAULT 0,
    report       jsonb,
    html         text,
    error        text,
    created_by   uuid,
    created_at   timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz
);
CREATE INDEX eval_run_workspace_idx ON eval_run (workspace_id, created_at DESC);

-- Promotion decisions: a candidate configuration (and/or the pending exemplars) against the active
-- one on the gate set.
CREATE TABLE promotion (
    id                   uuid PRIMARY KEY,
    workspace_id         bigint      NOT NULL REFERENCES workspace (id),
    candidate_config_id  bigint REFERENCES grader_config (id),
    baseline_config_id   bigint REFERENCES grader_config (id),
    include_pending      boolean     NOT NULL,
    status               text        NOT NULL
        CHECK (status IN ('evaluating', 'promoted', 'refused', 'failed')),
    candidate_run_id     uuid REFERENCES eval_run (id),
    baseline_run_id      uuid REFERENCES eval_run (id),
    decision             jsonb,
    activated_exemplars  text[]      NOT NULL DEFAULT '{}',
    created_by           uuid,
    created_at           timestamptz NOT NULL DEFAULT now(),
    decided_at           timestamptz
);
CREATE INDEX promotion_workspace_idx ON promotion (workspace_id, created_at DESC);
-- One gate at a time per workspace: a second request while one is evaluating is refused.
CREATE UNIQUE INDEX promotion_one_at_a_time ON promotion (workspace_id) WHERE status = 'evaluating';
