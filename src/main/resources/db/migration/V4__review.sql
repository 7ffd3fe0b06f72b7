-- Review events on grades: claims, confirmations, overrides. Append-only like the grade log;
-- the automated grade is never changed and the effective score is the latest override.
CREATE TABLE grade_event (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id  bigint       NOT NULL REFERENCES workspace (id),
    grade_id      uuid         NOT NULL REFERENCES grade (id),
    kind          text         NOT NULL CHECK (kind IN ('claimed', 'released', 'confirmed', 'overridden')),
    actor_key     uuid REFERENCES api_key (id),
    reason_code   text,
    reason        text,
    overall_score numeric(7, 3),
    criteria      jsonb,
    expires_at    timestamptz,
    created_at    timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX grade_event_grade_idx ON grade_event (grade_id, created_at);
CREATE INDEX grade_event_workspace_idx ON grade_event (workspace_id, kind, created_at);

CREATE TRIGGER grade_event_append_only
    BEFORE UPDATE OR DELETE ON grade_event
    FOR EACH ROW EXECUTE FUNCTION reject_grade_change();
