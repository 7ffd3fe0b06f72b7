-- Secrets the service signs its own tokens with (web sessions, candidate feedback links), one per
-- purpose, made on first use. Kept in the database so a restart or a second instance accepts the
-- links and sessions the first one issued.
CREATE TABLE signing_secret (
    purpose    text PRIMARY KEY,
    secret     text NOT NULL,  -- 32 random bytes, base64
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Web app sessions: the browser holds a random session id in an http-only cookie; only its hash is
-- stored. A session acts as the API key that signed in (its role and workspace, revoked with it),
-- carries the synchronizer CSRF token of its forms, and ends at sign-out or expiry.
CREATE TABLE web_session (
    id_hash    text PRIMARY KEY,
    api_key_id uuid NOT NULL REFERENCES api_key (id),
    csrf_token text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    ended_at   timestamptz
);
CREATE INDEX web_session_key ON web_session (api_key_id);
