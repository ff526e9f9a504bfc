-- pgbench script: the refresh rotation's SQL (auth-service SessionRepository.rotateLive: the common case of a live
-- token of a live session), driven directly: no HTTP, no JSON, no signing, no encryption. One statement in
-- autocommit, one round trip, as in the service: it locks the token and session rows, spends the token, inserts the
-- successor, slides the session and inserts the audit row. Only the CTE "next" is the benchmark's own: pgbench cannot
-- hash, so the database makes the successor's hash (the service binds one) and hands it back for the next round.
-- Each client rotates its own chain: its first transaction finds the chain's live token, then each keeps the
-- successor's hash (\gset).
\if :initialized = 0
SELECT encode(rt.token_hash, 'hex') AS hash FROM refresh_tokens rt JOIN sessions s ON s.id = rt.session_id
  WHERE s.user_agent = 'pgbench-' || :client_id AND rt.spent_at IS NULL \gset
\set initialized 1
\endif
WITH next AS (SELECT sha256(uuid_send(gen_random_uuid())) AS hash),
  live AS MATERIALIZED (SELECT rt.id, rt.session_id FROM refresh_tokens rt JOIN sessions s ON s.id = rt.session_id
    WHERE rt.token_hash = decode(':hash', 'hex') AND rt.spent_at IS NULL AND s.revoked_at IS NULL
      AND s.idle_expires_at > now() AND s.absolute_expires_at > now()
    FOR UPDATE OF rt, s),
  spent AS (UPDATE refresh_tokens rt SET spent_at = now(), spent_by_ip = '127.0.0.1', spent_by_user_agent = 'pgbench',
      successor_ciphertext = sha256(uuid_send(gen_random_uuid())) || sha256(uuid_send(gen_random_uuid()))
        || substr(sha256(uuid_send(gen_random_uuid())), 1, 8)
    FROM live WHERE rt.id = live.id),
  successor AS (INSERT INTO refresh_tokens (session_id, token_hash, parent_id, created_at)
    SELECT live.session_id, next.hash, live.id, now() FROM live, next),
  used AS (UPDATE sessions s SET last_used_at = now(),
      idle_expires_at = LEAST(now() + interval '7 days', s.absolute_expires_at)
    FROM live WHERE s.id = live.session_id
    RETURNING s.id, s.user_id, s.created_at, s.last_used_at, s.idle_expires_at, s.absolute_expires_at, s.ip,
      s.user_agent, s.revoked_at),
  audit AS (INSERT INTO auth_events (type, occurred_at, user_id, session_id, ip, user_agent, outcome, details)
    SELECT 'token_refreshed', now(), user_id, id, '127.0.0.1', 'pgbench', 'success', '{}' FROM used)
SELECT used.*, u.email, u.roles, encode(next.hash, 'hex') AS hash FROM used JOIN users u ON u.id = used.user_id, next
\gset
