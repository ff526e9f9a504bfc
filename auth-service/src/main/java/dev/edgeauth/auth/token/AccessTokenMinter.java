package dev.edgeauth.auth.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.edgeauth.auth.signingkey.SigningKey;
import dev.edgeauth.auth.signingkey.SigningKeyService;
import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import dev.edgeauth.token.AccessTokenClaims;
import dev.edgeauth.token.AccessTokenSigner;
import dev.edgeauth.token.TokenProperties;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * Mints access tokens for sessions: picks the signing key of the moment, the lifetime
 * (never past the session's end) and a fresh {@code jti}, and leaves the token's shape to
 * the token module's {@link AccessTokenSigner}.
 *
 * <p>
 * Signing takes tens of microseconds (Ed25519), so it runs on the caller's thread, event
 * loop included; it never blocks.
 */
@Component
public class AccessTokenMinter {

    private static final Log logger = LogFactory.getLog(AccessTokenMinter.class);

    private final SigningKeyService keys;

    private final TokenProperties properties;

    private final Clock clock;

    private final TokenIds ids;

    private final AccessTokenSigner signer;

    public AccessTokenMinter(SigningKeyService keys, TokenProperties properties, Clock clock,
            SecureRandom secureRandom) {
        Assert.notNull(keys, "keys cannot be null");
        Assert.notNull(properties, "properties cannot be null");
        Assert.notNull(clock, "clock cannot be null");
        this.keys = keys;
        this.properties = properties;
        this.clock = clock;
        this.ids = new TokenIds(secureRandom);
        this.signer = new AccessTokenSigner(properties);
    }

    /**
     * Mints an access token for a session.
     * @param userId the user ({@code sub})
     * @param sessionId the session ({@code sid})
     * @param roles the user's roles ({@code roles}, always an array)
     * @return the token
     * @throws ApiException {@code unavailable} when this instance has no key it can sign
     * with (its signing key could not be decrypted): refusing is safer than signing with
     * a retired key whose publication may end before the token does
     */
    public MintedAccessToken mint(UUID userId, UUID sessionId, List<String> roles) {
        return mint(userId, sessionId, roles, null);
    }

    /**
     * Mints an access token for a session that ends at a known time: the token's
     * {@code exp} is never later than that (a token must not outlive its session's
     * absolute lifetime).
     * @param userId the user ({@code sub})
     * @param sessionId the session ({@code sid})
     * @param roles the user's roles ({@code roles}, always an array)
     * @param sessionEndsAt the session's absolute expiry, or {@code null} for none
     * @return the token
     * @throws ApiException {@code unavailable} as {@link #mint(UUID, UUID, List)}
     */
    public MintedAccessToken mint(UUID userId, UUID sessionId, List<String> roles, @Nullable Instant sessionEndsAt) {
        Assert.notNull(userId, "userId cannot be null");
        Assert.notNull(sessionId, "sessionId cannot be null");
        Assert.notNull(roles, "roles cannot be null");
        Instant now = this.clock.instant();
        // NumericDate (RFC 7519 §2) is in seconds; the key is chosen at the precise time.
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        SigningKey key = usableKey(now);
        Instant expiresAt = issuedAt.plus(this.properties.accessTtl());
        if (sessionEndsAt != null && sessionEndsAt.isBefore(expiresAt)) {
            // NumericDate is whole seconds: rounded down, never past the session's end.
            expiresAt = sessionEndsAt.truncatedTo(ChronoUnit.SECONDS);
        }
        String jti = this.ids.next();
        String token = this.signer.sign(new AccessTokenClaims(userId, sessionId, roles, jti, issuedAt, expiresAt),
                key.kid(), Objects.requireNonNull(key.signingKey()));
        return new MintedAccessToken(token, jti, key.kid(), issuedAt, expiresAt);
    }

    /**
     * Checks that {@link #mint} can sign now, for callers that commit a change before
     * they mint (a refresh rotation spends the presented token first).
     * @throws ApiException {@code unavailable} as {@link #mint} would
     */
    public void requireSigningKey() {
        usableKey(this.clock.instant());
    }

    private SigningKey usableKey(Instant now) {
        SigningKey key = this.keys.ring().signingKey(now);
        if (key == null || key.signingKey() == null) {
            logger.error("Cannot mint an access token: no usable signing key (reason=no_signing_key)");
            throw new ApiException(ErrorCode.UNAVAILABLE, "Tokens cannot be issued right now");
        }
        return key;
    }

}
