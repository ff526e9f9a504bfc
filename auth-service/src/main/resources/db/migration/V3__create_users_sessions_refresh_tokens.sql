-- Accounts. The email is stored case-folded (the unique key); passwords only as Argon2id hashes that carry
-- their own parameters, so they can be raised later and re-hashed at the next login.
CREATE TABLE users (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    email          text        NOT NULL,
    password_hash  text        NOT NULL,
    -- Every user has 'user'; 'admin' is granted only by an operator step (README).
    roles          text[]      NOT NULL DEFAULT ARRAY['user'],
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON users (email);

-- A session: one sign-in on one device. It lives while it is used (idle expiry) and at most until its
-- absolute expiry; a revoked session is dead for good (revoked_at, revoked_reason).
CREATE TABLE sessions (
    id                   uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id              uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at           timestamptz NOT NULL,
    last_used_at         timestamptz NOT NULL,
    idle_expires_at      timestamptz NOT NULL,
    absolute_expires_at  timestamptz NOT NULL,
    ip                   text,
    user_agent           text,
    revoked_at           timestamptz,
    revoked_reason       text        CHECK (revoked_reason IN ('logout', 'session_revoked', 'reuse_detected',
                                         'password_changed')),
    CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);
CREATE INDEX sessions_user_live ON sessions (user_id) WHERE revoked_at IS NULL;

-- Refresh tokens: opaque, stored only as SHA-256 hashes. Each rotation spends one and links its successor
-- (parent_id), so the chain of a session is known and a replayed spent token can be detected. A spent token
-- keeps its successor, encrypted, for the grace window only (successor_ciphertext; cleared after it).
CREATE TABLE refresh_tokens (
    id                    bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id            uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    token_hash            bytea       NOT NULL,
    parent_id             bigint      REFERENCES refresh_tokens (id) ON DELETE CASCADE,
    created_at            timestamptz NOT NULL,
    spent_at              timestamptz,
    spent_by_ip           text,
    spent_by_user_agent   text,
    successor_ciphertext  bytea
);
CREATE UNIQUE INDEX refresh_tokens_hash ON refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

-- Failed-login throttling, shared by every auth-service instance. One row per key: the account and client
-- address together ('account_ip:<email>|<ip>'), and the account alone ('account:<email>').
CREATE TABLE login_throttles (
    key              text        PRIMARY KEY,
    failures         integer     NOT NULL,
    last_failure_at  timestamptz NOT NULL,
    locks            integer     NOT NULL DEFAULT 0,
    locked_until     timestamptz
);
