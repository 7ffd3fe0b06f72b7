-- What the start-up bank sync last wrote into a workspace: the hash of the bank files it imported
-- (and the embedding model) and a fingerprint of the workspace's bank rows right after. A start
-- whose files and rows both still match skips the sync (dev.assay.bank.BankSync); a changed file,
-- a changed model or an edit through the API since then makes the next start sync again.
CREATE TABLE bank_sync (
    workspace_id bigint      PRIMARY KEY REFERENCES workspace (id) ON DELETE CASCADE,
    bank_hash    text        NOT NULL,
    rows_hash    text        NOT NULL,
    synced_at    timestamptz NOT NULL DEFAULT now()
);
