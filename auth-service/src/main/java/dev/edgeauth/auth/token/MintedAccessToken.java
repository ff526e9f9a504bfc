package dev.edgeauth.auth.token;

import java.time.Duration;
import java.time.Instant;

/**
 * A freshly minted access token and the facts the token response and the session need.
 *
 * @param value the compact JWS, to send to the client and nowhere else (never logged)
 * @param jti its id
 * @param kid the key that signed it
 * @param issuedAt its {@code iat}
 * @param expiresAt its {@code exp}
 */
public record MintedAccessToken(String value, String jti, String kid, Instant issuedAt, Instant expiresAt) {

    /**
     * The token response's {@code expires_in} (RFC 6749 §5.1).
     * @return seconds until it expires
     */
    public long expiresIn() {
        return Duration.between(this.issuedAt, this.expiresAt).toSeconds();
    }

    @Override
    public String toString() {
        return "MintedAccessToken[jti=" + this.jti + ", kid=" + this.kid + ", expiresAt=" + this.expiresAt + "]";
    }

}
