-- A re-grade links the old grade to the new one with a history event.
ALTER TABLE grade_event DROP CONSTRAINT grade_event_kind_check;
ALTER TABLE grade_event ADD CONSTRAINT grade_event_kind_check
    CHECK (kind IN ('claimed', 'released', 'confirmed', 'overridden', 'regraded'));
ALTER TABLE grade_event ADD COLUMN related_grade uuid REFERENCES grade (id);

-- Exemplars promoted from reviewed answers wait as 'pending' until the evaluation gate admits them.
ALTER TABLE exemplar ADD COLUMN status text NOT NULL DEFAULT 'active'
    CHECK (status IN ('active', 'pending'));
ALTER TABLE exemplar DROP CONSTRAINT exemplar_origin_check;
ALTER TABLE exemplar ADD CONSTRAINT exemplar_origin_check CHECK (origin IN ('import', 'api', 'review'));
ALTER TABLE exemplar ADD COLUMN promoted_from uuid REFERENCES grade (id);
