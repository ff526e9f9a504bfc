-- The audit trail (contract, "Audit events"): one row per request that changes or tries to change auth
-- state, written in the same transaction as the change. Exactly the contract's columns. A row never holds a
-- password, a token or a hash.
CREATE TABLE auth_events (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    type         text        NOT NULL CHECK (type IN ('signup', 'login_succeeded', 'login_failed', 'account_locked',
                                 'token_refreshed', 'refresh_token_reuse_detected', 'logout', 'session_revoked',
                                 'password_changed', 'key_rotated')),
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    user_id      uuid,
    session_id   uuid,
    -- The client address as the gateway determined it (text: it may be "unknown" in some set-ups).
    ip           text,
    user_agent   text,
    outcome      text        NOT NULL CHECK (outcome IN ('success', 'failure')),
    details      jsonb       NOT NULL DEFAULT '{}'::jsonb
);

-- GET /auth/admin/events: newest first (id is the cursor), optionally one user's or one type's events.
CREATE INDEX auth_events_user ON auth_events (user_id, id DESC) WHERE user_id IS NOT NULL;
CREATE INDEX auth_events_type ON auth_events (type, id DESC);
CREATE INDEX auth_events_occurred ON auth_events (occurred_at DESC, id DESC);
