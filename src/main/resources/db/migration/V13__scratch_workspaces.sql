-- Evaluation runs grade in a scratch workspace of their own (slug eval-xxxxxxxx): its questions,
-- rubric copies, exemplars and grades are worth nothing once the run's report is stored in eval_run
-- of the owner's workspace. Only the service marks a workspace scratch (no API sets this column),
-- and only a scratch workspace can be removed, by remove_scratch_workspace() below.
ALTER TABLE workspace ADD COLUMN scratch boolean NOT NULL DEFAULT false;

-- The append-only and immutability triggers still refuse every UPDATE and every DELETE, except a
-- DELETE of a row of the one scratch workspace that remove_scratch_workspace() is removing in the
-- current transaction (it names it in the transaction-local setting assay.removing_workspace).
CREATE FUNCTION removing_workspace(ws bigint) RETURNS boolean AS $$
    SELECT coalesce(current_setting('assay.removing_workspace', true), '') = ws::text
$$ LANGUAGE sql STABLE;

CREATE OR REPLACE FUNCTION reject_grade_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND removing_workspace(OLD.workspace_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'the grade log is append-only (grade %)', OLD.id;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION reject_row_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND removing_workspace(OLD.workspace_id) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'rows of % are never changed (row %)', TG_TABLE_NAME, OLD.id;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION reject_rubric_version_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (
        SELECT 1 FROM question q WHERE q.id = OLD.question_id AND removing_workspace(q.workspace_id)
    ) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'rubric versions are immutable (id %)', OLD.id;
END;
$$ LANGUAGE plpgsql;

-- Removes a scratch workspace and every row in it, children first, in the caller's transaction.
-- A row of another workspace that still points into it (none should) makes the foreign key refuse
-- and the whole removal roll back.
CREATE FUNCTION remove_scratch_workspace(ws bigint) RETURNS void AS $$
DECLARE
    t text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM workspace WHERE id = ws AND scratch) THEN
        RAISE EXCEPTION 'workspace % is not a scratch workspace', ws;
    END IF;
    PERFORM set_config('assay.removing_workspace', ws::text, true);
    UPDATE workspace
       SET active_grader_config_id = NULL, shadow_grader_config_id = NULL, scoring_model_id = NULL
     WHERE id = ws;
    DELETE FROM exemplar WHERE question_id IN (SELECT id FROM question WHERE workspace_id = ws);
    -- Children before parents: shadow grades and review events point at grades, promotions at
    -- eval runs, grades at configurations and rubric versions.
    FOREACH t IN ARRAY ARRAY['shadow_grade', 'grade_event', 'promotion', 'eval_run', 'gate_set',
                             'grade', 'scoring_model', 'candidate_cohort', 'interview',
                             'grader_config', 'api_key', 'role_profile'] LOOP
        EXECUTE format('DELETE FROM %I WHERE workspace_id = $1', t) USING ws;
    END LOOP;
    DELETE FROM rubric_version WHERE question_id IN (SELECT id FROM question WHERE workspace_id = ws);
    DELETE FROM question WHERE workspace_id = ws;
    DELETE FROM area WHERE workspace_id = ws;
    DELETE FROM workspace WHERE id = ws;
    PERFORM set_config('assay.removing_workspace', '', true);
END;
$$ LANGUAGE plpgsql;
