-- Idempotency-Key reservations (exact idempotency, as payment APIs do it). A request with a key
-- first inserts its row here; the one that inserts runs the grading, every other request with the
-- key waits for that row's outcome and replays it. The row remembers a hash of the request body
-- (the same key with a different body is refused), the status and body of the first response
-- (replayed as they were sent), and a lease: if the request holding the key dies, another may take
-- the key over once the lease has lapsed. Rows are removed after the retention period
-- (assay.idempotency.retention), after which the key may be used again.
CREATE TABLE idempotency_key (
    workspace_id   bigint      NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    key            text        NOT NULL,
    -- NULL only for keys recorded before this table existed: replayed without comparing bodies.
    request_hash   text,
    created_by_key uuid,
    -- The id the grade will have (while in flight), then the id of the logged grade.
    grade_id       uuid        NOT NULL,
    -- NULL while the request holding the key is in flight.
    status         int,
    response       text,
    lease_until    timestamptz NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);

INSERT INTO idempotency_key
    (workspace_id, key, request_hash, created_by_key, grade_id, status, lease_until, created_at)
SELECT workspace_id, idempotency_key, NULL, created_by_key, id, 201, created_at, created_at
FROM grade WHERE idempotency_key IS NOT NULL;

-- The grade keeps the key it was logged under (for audit), but uniqueness now lives above: a key
-- may be used again once its reservation has expired.
DROP INDEX grade_idempotency_idx;
CREATE INDEX grade_idempotency_idx ON grade (workspace_id, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
