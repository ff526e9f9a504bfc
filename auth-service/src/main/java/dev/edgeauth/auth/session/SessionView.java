package dev.edgeauth.auth.session;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One item of {@code GET /auth/sessions}.
 *
 * @param id the session id (the tokens' {@code sid})
 * @param createdAt when it began
 * @param lastUsedAt when it last issued tokens
 * @param expiresAt when it ends unless used (the earlier of its idle and absolute
 * expiries)
 * @param ip the client address that began it, as the gateway determined it
 * @param userAgent the user agent that began it
 * @param current whether it is the caller's own session
 */
record SessionView(UUID id, Instant createdAt, Instant lastUsedAt, Instant expiresAt, @Nullable String ip,
        @Nullable String userAgent, boolean current) {

    static SessionView of(Session session, UUID currentSessionId) {
        return new SessionView(session.id(), session.createdAt(), session.lastUsedAt(), session.expiresAt(),
                session.ip(), session.userAgent(), session.id().equals(currentSessionId));
    }

}
