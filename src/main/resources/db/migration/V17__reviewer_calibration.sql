-- Reviewer calibration: an admin picks existing grades into a set, and every reviewer of the
-- workspace scores each of them blind. Items have ids of their own so that a reviewer's queue
-- never names the grade (whose automated score a reviewer could otherwise read).
CREATE TABLE calibration_set (
    id           uuid PRIMARY KEY,
    workspace_id bigint      NOT NULL REFERENCES workspace (id),
    name         text        NOT NULL,
    created_by   uuid REFERENCES api_key (id),
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX calibration_set_workspace_idx ON calibration_set (workspace_id, created_at DESC);

CREATE TABLE calibration_item (
    id       uuid    PRIMARY KEY,
    set_id   uuid    NOT NULL REFERENCES calibration_set (id),
    position integer NOT NULL,
    grade_id uuid    NOT NULL REFERENCES grade (id),
    UNIQUE (set_id, position),
    UNIQUE (set_id, grade_id)
);

-- One blind score per reviewer and item, on the grade's scale. Never changed: once submitted the
-- reviewer sees the others' scores, so a second try would no longer be blind.
CREATE TABLE calibration_score (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id bigint        NOT NULL REFERENCES workspace (id),
    item_id      uuid          NOT NULL REFERENCES calibration_item (id),
    reviewer_key uuid          NOT NULL REFERENCES api_key (id),
    score        numeric(7, 3) NOT NULL,
    created_at   timestamptz   NOT NULL DEFAULT now(),
    UNIQUE (item_id, reviewer_key)
);

CREATE TRIGGER calibration_score_append_only
    BEFORE UPDATE OR DELETE ON calibration_score
    FOR EACH ROW EXECUTE FUNCTION reject_row_change();
