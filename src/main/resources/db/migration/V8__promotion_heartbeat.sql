-- Gates run in the service's own background worker. A gate whose process stopped mid-run would
-- block the workspace's next promotion for ever; its heartbeat lets a later request retire it.
ALTER TABLE promotion ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
