package dev.edgeauth.auth.authentication;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Whether the session an access token names is still live: the one thing bearer
 * authentication needs from the sessions, which implement it (so this package depends on
 * none of theirs).
 */
public interface LiveSessions {

    /**
     * Whether the session is live and the user's.
     * @param sessionId the token's {@code sid}
     * @param userId the token's {@code sub}
     * @return true while the session is neither ended nor expired
     */
    Mono<Boolean> isLive(UUID sessionId, UUID userId);

}
