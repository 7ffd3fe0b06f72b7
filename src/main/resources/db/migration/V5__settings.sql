-- Workspace settings: whether candidate feedback shows scores.
ALTER TABLE workspace ADD COLUMN feedback_shows_scores boolean NOT NULL DEFAULT false;
