-- Workspace setting: whether candidate feedback may quote the rubric's level descriptors word for
-- word. Off by default: questions are reused across candidates and the strong descriptor is the
-- answer key.
ALTER TABLE workspace ADD COLUMN feedback_quotes_descriptors boolean NOT NULL DEFAULT false;
