-- Workspaces own every bank object and, later, every grade.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE workspace (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug       text        NOT NULL UNIQUE,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO workspace (slug, name) VALUES ('default', 'Default workspace');

CREATE TABLE area (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id bigint NOT NULL REFERENCES workspace (id),
    key          text   NOT NULL,
    title        text   NOT NULL,
    description  text   NOT NULL,
    UNIQUE (workspace_id, key)
);

CREATE TABLE question (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id bigint      NOT NULL REFERENCES workspace (id),
    slug         text        NOT NULL,
    title        text        NOT NULL,
    prompt       text        NOT NULL,
    area_key     text        NOT NULL,
    tags         varchar[]   NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (workspace_id, slug),
    FOREIGN KEY (workspace_id, area_key) REFERENCES area (workspace_id, key)
);
CREATE INDEX question_area_idx ON question (workspace_id, area_key);

-- Rubric versions are immutable: a changed rubric is a new row with the next version number.
CREATE TABLE rubric_version (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    question_id  bigint      NOT NULL REFERENCES question (id),
    version      int         NOT NULL CHECK (version >= 1),
    scale        int         NOT NULL CHECK (scale BETWEEN 1 AND 100),
    criteria     jsonb       NOT NULL,
    content_hash text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (question_id, version)
);

CREATE FUNCTION reject_rubric_version_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'rubric versions are immutable (id %)', OLD.id;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER rubric_version_immutable
    BEFORE UPDATE OR DELETE ON rubric_version
    FOR EACH ROW EXECUTE FUNCTION reject_rubric_version_change();

CREATE TABLE exemplar (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    question_id       bigint       NOT NULL REFERENCES question (id),
    external_id       text         NOT NULL,
    rubric_version_id bigint       NOT NULL REFERENCES rubric_version (id),
    label             text         NOT NULL CHECK (label IN ('strong', 'acceptable', 'weak')),
    score             numeric(7, 3) NOT NULL,
    criterion_scores  jsonb,
    rationale         text         NOT NULL,
    source            text         NOT NULL,
    origin            text         NOT NULL CHECK (origin IN ('import', 'api')),
    text              text         NOT NULL,
    content_hash      text         NOT NULL,
    active            boolean      NOT NULL DEFAULT true,
    embedding         vector(384),
    embedding_model   text,
    embedding_chunks  int,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    updated_at        timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (question_id, external_id)
);
-- Per-question retrieval filters on the B-tree and sorts by exact distance.
CREATE INDEX exemplar_question_idx ON exemplar (question_id, label) WHERE active;
-- Cross-question search (near-copies of exemplars, leak checks) uses HNSW.
CREATE INDEX exemplar_embedding_hnsw ON exemplar USING hnsw (embedding vector_cosine_ops);

CREATE TABLE role_profile (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workspace_id bigint NOT NULL REFERENCES workspace (id),
    slug         text   NOT NULL,
    name         text   NOT NULL,
    description  text   NOT NULL,
    area_weights jsonb  NOT NULL,
    UNIQUE (workspace_id, slug)
);
