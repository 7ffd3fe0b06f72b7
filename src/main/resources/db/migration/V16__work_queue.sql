-- Batch grading and the background work queue shared by every instance of the service.

-- A platform's batch of answers (POST /api/v1/grade-batches). Its items are work items below;
-- finished_at is set by the instance that completes the last item, and the optional callback is
-- delivered (with retries) by whichever instance claims it.
CREATE TABLE grade_batch (
    id                 uuid PRIMARY KEY,
    workspace_id       bigint      NOT NULL REFERENCES workspace (id),
    created_by         uuid        NOT NULL,
    item_count         int         NOT NULL CHECK (item_count >= 1),
    callback_url       text,
    callback_status    text CHECK (callback_status IN ('pending', 'delivered', 'failed')),
    callback_attempts  int         NOT NULL DEFAULT 0,
    callback_next_at   timestamptz,
    callback_error     text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    finished_at        timestamptz
);
CREATE INDEX grade_batch_workspace_idx ON grade_batch (workspace_id, created_at DESC);
CREATE INDEX grade_batch_callback_idx ON grade_batch (callback_next_at)
    WHERE callback_status = 'pending';

-- The queue. An instance claims ready items with FOR UPDATE SKIP LOCKED and holds them by a lease
-- (lease_until, extended by its heartbeat); an item whose lease ran out is claimed again by any
-- instance; a settled item keeps the lease_owner that settled it. lease_token fences a late finisher whose lease was taken over. A grade item links the
-- one grade it made (grade_id, unique): a re-claimed item finds that grade instead of making a
-- second one.
CREATE TABLE work_item (
    id           bigserial PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind IN ('grade', 'eval-run', 'promotion')),
    workspace_id bigint      NOT NULL REFERENCES workspace (id),
    batch_id     uuid REFERENCES grade_batch (id),
    line         int,
    subject      uuid,
    payload      jsonb       NOT NULL,
    status       text        NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts     int         NOT NULL DEFAULT 0,
    run_after    timestamptz NOT NULL DEFAULT now(),
    lease_owner  text,
    lease_token  uuid,
    lease_until  timestamptz,
    grade_id     uuid UNIQUE REFERENCES grade (id),
    error        jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    UNIQUE (batch_id, line),
    CHECK ((kind = 'grade') = (batch_id IS NOT NULL))
);
CREATE INDEX work_item_ready_idx ON work_item (kind, run_after, id) WHERE status = 'queued';
CREATE INDEX work_item_lease_idx ON work_item (kind, lease_until) WHERE status = 'running';
CREATE INDEX work_item_subject_idx ON work_item (subject) WHERE subject IS NOT NULL;

-- Per-workspace secret that signs batch completion callbacks (HMAC-SHA256), made on first use and
-- shown to the workspace's admins so their platform can verify what it receives.
CREATE TABLE callback_secret (
    workspace_id bigint PRIMARY KEY REFERENCES workspace (id),
    secret       text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- An evaluation run graded by the queue names the claim (item and attempt) that grades it: when
-- that claim's lease runs out, the run is retired as abandoned while the item is retried. A run
-- without a claim (the command line's) is retired when it reports no progress for a while.
ALTER TABLE eval_run ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE eval_run ADD COLUMN work_item_id bigint REFERENCES work_item (id);
ALTER TABLE eval_run ADD COLUMN work_attempt int;
