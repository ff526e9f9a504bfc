-- Device tokens carry the account's credential generation: a password change moves it on, so every device
-- token issued before the change stops working.
ALTER TABLE users ADD COLUMN credential_generation integer NOT NULL DEFAULT 0;

-- One source (a client address or a device token) adds at most `threshold` failures per `window` to the
-- account-wide count: how many it added in the window that began at counted_since.
ALTER TABLE login_throttles ADD COLUMN counted integer NOT NULL DEFAULT 0;
ALTER TABLE login_throttles ADD COLUMN counted_since timestamptz;
