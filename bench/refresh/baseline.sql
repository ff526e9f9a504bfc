-- pgbench script: the refresh transaction's SQL (auth-service SessionRepository.lockForRefresh and rotate,
-- AuthEventWriter.write), driven directly: no HTTP, no JSON, no signing, no encryption. Each client rotates its
-- own chain: its first transaction finds the chain's live token, then each keeps the successor's hash (\gset).
\if :initialized = 0
SELECT encode(rt.token_hash, 'hex') AS hash FROM refresh_tokens rt JOIN sessions s ON s.id = rt.session_id
  WHERE s.user_agent = 'pgbench-' || :client_id AND rt.spent_at IS NULL \gset
\set initialized 1
\endif
BEGIN;
SELECT rt.id AS token_id, rt.spent_at, rt.spent_by_ip, rt.spent_by_user_agent, rt.successor_ciphertext, s.id AS sid,
  s.user_id AS uid, s.created_at, s.last_used_at, s.idle_expires_at, s.absolute_expires_at, s.ip, s.user_agent,
  s.revoked_at, u.email, u.roles
  FROM refresh_tokens rt JOIN sessions s ON s.id = rt.session_id JOIN users u ON u.id = s.user_id
  WHERE rt.token_hash = decode(':hash', 'hex') FOR UPDATE OF rt, s \gset
WITH spent AS (UPDATE refresh_tokens SET spent_at = now(), spent_by_ip = '127.0.0.1', spent_by_user_agent = 'pgbench',
    successor_ciphertext = sha256(uuid_send(gen_random_uuid())) || sha256(uuid_send(gen_random_uuid()))
    WHERE id = :token_id),
  used AS (UPDATE sessions SET last_used_at = now(),
    idle_expires_at = LEAST(now() + interval '7 days', absolute_expires_at) WHERE id = ':sid')
INSERT INTO refresh_tokens (session_id, token_hash, parent_id, created_at)
  VALUES (':sid', sha256(uuid_send(gen_random_uuid())), :token_id, now())
  RETURNING encode(token_hash, 'hex') AS hash \gset
INSERT INTO auth_events (type, occurred_at, user_id, session_id, ip, user_agent, outcome, details)
  VALUES ('token_refreshed', now(), ':uid', ':sid', '127.0.0.1', 'pgbench', 'success', CAST('{}' AS jsonb));
COMMIT;
