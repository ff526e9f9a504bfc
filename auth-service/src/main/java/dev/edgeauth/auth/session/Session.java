package dev.edgeauth.auth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A session row.
 *
 * @param id the session id (the token's {@code sid})
 * @param userId the user
 * @param createdAt when it began
 * @param lastUsedAt when it last issued tokens
 * @param idleExpiresAt when it ends unless used again
 * @param absoluteExpiresAt when it ends whatever happens
 * @param ip the client address that began it
 * @param userAgent the client's user agent
 * @param revokedAt when it was ended early, or {@code null}
 */
public record Session(UUID id, UUID userId, Instant createdAt, Instant lastUsedAt, Instant idleExpiresAt,
        Instant absoluteExpiresAt, @Nullable String ip, @Nullable String userAgent, @Nullable Instant revokedAt) {

    /** When the session ends if nothing else happens: the earlier of its two expiries. */
    public Instant expiresAt() {
        return this.idleExpiresAt.isBefore(this.absoluteExpiresAt) ? this.idleExpiresAt : this.absoluteExpiresAt;
    }

    /**
     * The session after a use at {@code now}: its idle expiry slides, never past its
     * absolute one.
     * @param now when it is used
     * @param idleTtl the idle lifetime
     * @return the used session
     */
    public Session usedAt(Instant now, Duration idleTtl) {
        Instant idle = now.plus(idleTtl);
        return new Session(this.id, this.userId, this.createdAt, now,
                idle.isBefore(this.absoluteExpiresAt) ? idle : this.absoluteExpiresAt, this.absoluteExpiresAt, this.ip,
                this.userAgent, this.revokedAt);
    }

    public boolean isLive(Instant now) {
        return this.revokedAt == null && now.isBefore(expiresAt());
    }

    /**
     * The contract's {@code refresh_expires_in}: the smaller remainder of the two
     * lifetimes, in seconds.
     */
    public long refreshExpiresInSeconds(Instant now) {
        return Math.max(0, Duration.between(now, expiresAt()).getSeconds());
    }

}
