-- Interviews: a candidate's answers (grades with the same candidate_ref) scored for one role.
-- The role profile's area weights are copied at creation, so a later change of the bank's role
-- profile does not silently change a scorecard that was already shared; the scorecard names the
-- weights it used.
CREATE TABLE interview (
    id                uuid PRIMARY KEY,
    workspace_id      bigint      NOT NULL REFERENCES workspace (id),
    candidate_ref     text        NOT NULL,
    role_id           text        NOT NULL,
    role_name         text        NOT NULL,
    area_weights      jsonb       NOT NULL,
    planned_questions text[]      NOT NULL DEFAULT '{}',
    created_by_key    uuid REFERENCES api_key (id),
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX interview_role_idx ON interview (workspace_id, role_id, created_at DESC);
CREATE INDEX interview_candidate_idx ON interview (workspace_id, candidate_ref);
