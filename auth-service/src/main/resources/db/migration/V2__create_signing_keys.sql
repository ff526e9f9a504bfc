-- Access-token signing keys (specs/signing-keys.md). Key n+1 is published when its row is inserted, signs
-- from activates_at on, and retires key n at that moment; key n stays published until every token it
-- signed has expired, then the row is deleted.
CREATE TABLE signing_keys (
    -- RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key: the JWS "kid".
    kid          text        PRIMARY KEY,
    -- Rotation number. UNIQUE is what makes a rotation happen once however many instances race: each
    -- inserts generation n+1 with ON CONFLICT DO NOTHING, and only one insert wins.
    generation   integer     NOT NULL UNIQUE CHECK (generation > 0),
    -- JWS "alg" (RFC 7518 §3.1, RFC 8037 §3.1).
    algorithm    text        NOT NULL,
    -- The raw public key (for Ed25519 the 32 bytes of RFC 8037 "x").
    public_key   bytea       NOT NULL,
    -- The private key, AES-256-GCM encrypted with the key-encryption key: version || IV || ciphertext || tag,
    -- the kid as associated data.
    private_key  bytea       NOT NULL,
    -- Fingerprint of the key-encryption key that encrypted private_key (never the key itself).
    kek_id       text        NOT NULL,
    created_at   timestamptz NOT NULL,
    activates_at timestamptz NOT NULL,
    CHECK (activates_at >= created_at)
);
