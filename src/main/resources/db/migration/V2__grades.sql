-- The grade log: one row per accepted grading request, never updated or deleted.
CREATE TABLE grade (
    id                uuid PRIMARY KEY,
    workspace_id      bigint       NOT NULL REFERENCES workspace (id),
    question_id       bigint       NOT NULL REFERENCES question (id),
    rubric_version_id bigint       NOT NULL REFERENCES rubric_version (id),
    candidate_ref     text,
    tags              varchar[]    NOT NULL DEFAULT '{}',
    idempotency_key   text,
    answer            text         NOT NULL,
    answer_key        text         NOT NULL,
    answer_embedding  vector(384),
    mode              text         NOT NULL CHECK (mode IN ('llm', 'offline', 'fallback')),
    overall_score     numeric(7, 3) NOT NULL,
    overall_max       numeric(7, 3) NOT NULL,
    overall_percent   numeric(6, 2) NOT NULL,
    confidence        numeric(4, 3) NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    flags             varchar[]    NOT NULL DEFAULT '{}',
    criteria          jsonb        NOT NULL,
    rationale         text         NOT NULL,
    provenance        jsonb        NOT NULL,
    dedup_key         text         NOT NULL,
    reused_from       uuid REFERENCES grade (id),
    llm_raw_output    jsonb,
    created_at        timestamptz  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX grade_idempotency_idx ON grade (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX grade_question_idx ON grade (workspace_id, question_id, created_at DESC);
CREATE INDEX grade_candidate_idx ON grade (workspace_id, candidate_ref, created_at DESC);
CREATE INDEX grade_created_idx ON grade (workspace_id, created_at DESC);
CREATE INDEX grade_dedup_idx ON grade (workspace_id, dedup_key, created_at);
CREATE INDEX grade_flags_idx ON grade USING gin (flags);
-- Cross-candidate near-duplicate search (with hnsw.iterative_scan so the filter keeps k rows).
CREATE INDEX grade_answer_hnsw ON grade USING hnsw (answer_embedding vector_cosine_ops);

CREATE FUNCTION reject_grade_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the grade log is append-only (grade %)', OLD.id;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER grade_append_only
    BEFORE UPDATE OR DELETE ON grade
    FOR EACH ROW EXECUTE FUNCTION reject_grade_change();
