-- Learned offline scorers: one immutable row per trained version of a workspace's model. The
-- workspace points at the version its unpinned grader configurations use; later versions replace
-- it only through the promotion gate (configurations pin a version).
CREATE TABLE scoring_model (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id bigint      NOT NULL REFERENCES workspace (id),
    version      int         NOT NULL CHECK (version >= 1),
    data_hash    text        NOT NULL,
    model_hash   text        NOT NULL,
    model        jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (workspace_id, version)
);

CREATE TRIGGER scoring_model_immutable
    BEFORE UPDATE OR DELETE ON scoring_model
    FOR EACH ROW EXECUTE FUNCTION reject_row_change();

ALTER TABLE workspace ADD COLUMN scoring_model_id bigint REFERENCES scoring_model (id);

-- Near-duplicate search must compare vectors of one embedding model only. Rows logged before this
-- column existed were embedded by all-MiniLM-L6-v2 (a constant default fills them without an
-- UPDATE, which the append-only trigger would refuse).
ALTER TABLE grade ADD COLUMN answer_embedding_model text NOT NULL DEFAULT 'all-minilm-l6-v2';
ALTER TABLE grade ALTER COLUMN answer_embedding_model DROP DEFAULT;

-- A promotion may gate a scoring model version instead of (or with) a configuration.
ALTER TABLE promotion ADD COLUMN scoring_model_version int;
