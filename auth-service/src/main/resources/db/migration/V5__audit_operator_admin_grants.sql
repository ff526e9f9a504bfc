-- An operator's admin grant and revoke on the management port write their own audit rows, in the same
-- transaction as the role change.
ALTER TABLE auth_events DROP CONSTRAINT auth_events_type_check;
ALTER TABLE auth_events ADD CONSTRAINT auth_events_type_check CHECK (type IN ('signup', 'login_succeeded',
    'login_failed', 'account_locked', 'token_refreshed', 'refresh_token_reuse_detected', 'logout', 'session_revoked',
    'password_changed', 'key_rotated', 'admin_granted', 'admin_revoked'));
