-- The revocation feed (contract, "Revocation feed"; specs/sessions.md). One row per ended session, written in
-- the transaction that ends it. seq is taken from revocations_seq only while the transaction holds the
-- feed's advisory lock (pg_advisory_xact_lock, released at commit), so writers are serialized from seq
-- assignment to commit: seq order is commit order and a reader that asks "after N" never misses a row that
-- commits later with a smaller seq. A rolled-back writer leaves a gap, which readers tolerate.
CREATE SEQUENCE revocations_seq AS bigint;

CREATE TABLE revocations (
    seq           bigint      PRIMARY KEY,
    session_id    uuid        NOT NULL,
    reason        text        NOT NULL CHECK (reason IN ('logout', 'session_revoked', 'reuse_detected',
                                  'password_changed')),
    revoked_at    timestamptz NOT NULL,
    -- revoked_at + access-token lifetime + clock skew: after it, no access token of the session is accepted
    -- anywhere, so the row is pruned.
    forget_after  timestamptz NOT NULL
);
CREATE INDEX revocations_forget_after ON revocations (forget_after);

-- Wakes every auth-service instance's feed (LISTEN edgeauth_revocations) when revocations commit; the payload
-- is the schema, so services sharing a server each follow only their own table. NOTIFY is delivered at
-- commit, never for a rolled-back transaction.
CREATE FUNCTION notify_revocations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('edgeauth_revocations', TG_TABLE_SCHEMA);
    RETURN NULL;
END;
$$;
CREATE TRIGGER revocations_notify AFTER INSERT ON revocations
    FOR EACH STATEMENT EXECUTE FUNCTION notify_revocations();

-- The grace-window sweeper: spent tokens still holding their successor's ciphertext.
CREATE INDEX refresh_tokens_successor_kept ON refresh_tokens (spent_at) WHERE successor_ciphertext IS NOT NULL;
