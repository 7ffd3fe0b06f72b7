-- Self-reported cohort attributes of candidates (e.g. sex, race-ethnicity, age-band), kept apart for
-- fairness audits only: nothing that grades, reviews or scores reads this table, only admins can
-- read it through the API, and a candidate's rows are deleted on request (no copy is kept
-- anywhere else).
CREATE TABLE candidate_cohort (
    workspace_id    bigint      NOT NULL REFERENCES workspace (id),
    candidate_ref   text        NOT NULL,
    attribute       text        NOT NULL,
    value           text        NOT NULL,
    recorded_by_key uuid REFERENCES api_key (id),
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, candidate_ref, attribute)
);
CREATE INDEX candidate_cohort_attribute_idx ON candidate_cohort (workspace_id, attribute);
