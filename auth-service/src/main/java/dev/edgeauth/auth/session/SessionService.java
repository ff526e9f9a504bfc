package dev.edgeauth.auth.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.edgeauth.auth.audit.ClientInfo;
import dev.edgeauth.auth.authentication.LiveSessions;
import dev.edgeauth.auth.revocation.RevocationLog;
import dev.edgeauth.auth.revocation.RevocationReason;
import dev.edgeauth.auth.token.AccessTokenMinter;
import dev.edgeauth.auth.token.MintedAccessToken;
import dev.edgeauth.token.TokenProperties;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.util.Assert;

/**
 * Begins and ends sessions. Each method runs in the caller's reactive transaction, so a
 * session, its first refresh token and the audit row that records them commit together,
 * and so does a session's end with its revocation in the feed.
 */
@Service
@EnableConfigurationProperties(SessionProperties.class)
public class SessionService implements LiveSessions {

    private final SessionRepository sessions;

    private final SessionProperties properties;

    private final AccessTokenMinter minter;

    private final RefreshTokens refreshTokens;

    private final RevocationLog revocations;

    private final Duration accessTokenRetention;

    private final Clock clock;

    public SessionService(SessionRepository sessions, SessionProperties properties, AccessTokenMinter minter,
            SecureRandom secureRandom, RevocationLog revocations, TokenProperties tokens, Clock clock) {
        Assert.notNull(sessions, "sessions cannot be null");
        Assert.notNull(revocations, "revocations cannot be null");
        this.sessions = sessions;
        this.properties = properties;
        this.minter = minter;
        this.refreshTokens = new RefreshTokens(secureRandom);
        this.revocations = revocations;
        this.accessTokenRetention = tokens.retention();
        this.clock = clock;
    }

    /**
     * Begins a session for a user who just proved who they are: a session row, its first
     * refresh token and an access token for it.
     * @param user who signed in
     * @param roles the user's roles, for the access token
     * @param client who is calling
     * @return the session and the token response to send
     */
    public Mono<IssuedSession> begin(TokenResponse.UserSummary user, List<String> roles, ClientInfo client) {
        Instant now = now();
        String refreshToken = this.refreshTokens.generate();
        return this.sessions
            .insert(user.id(), now, now.plus(this.properties.idleTtl()), now.plus(this.properties.absoluteTtl()),
                    client)
            .flatMap((session) -> this.sessions.insertRefreshToken(session.id(), RefreshTokens.hash(refreshToken), now)
                .then(Mono.fromCallable(() -> issue(session, user, roles, refreshToken, now))));
    }

    /** The live session an access token belongs to, or empty when it has ended. */
    public Mono<Session> findLive(UUID sessionId, UUID userId) {
        return this.sessions.findLive(sessionId, userId, this.clock.instant());
    }

    @Override
    public Mono<Boolean> isLive(UUID sessionId, UUID userId) {
        return findLive(sessionId, userId).hasElement();
    }

    /** A user's live sessions, the most recently used first. */
    public Flux<Session> findAllLive(UUID userId) {
        return this.sessions.findAllLive(userId, this.clock.instant());
    }

    /**
     * Ends every other session of a user, and publishes their revocation.
     * @return how many ended
     */
    public Mono<Long> endOthers(UUID userId, UUID keptSessionId, RevocationReason reason) {
        return endAll(userId, keptSessionId, reason);
    }

    /**
     * Ends sessions of a user, and publishes their revocation: all of them, or all but
     * one. Sessions that expired so recently that their access tokens may still be in use
     * end too (and count).
     * @param userId the user
     * @param except the session to keep, or {@code null}
     * @param reason why
     * @return how many ended
     */
    public Mono<Long> endAll(UUID userId, @Nullable UUID except, RevocationReason reason) {
        Instant now = now();
        return this.sessions.revokeAll(userId, except, reason.value(), now, now.minus(this.accessTokenRetention))
            .flatMap((ended) -> this.revocations.record(ended, reason, now).thenReturn((long) ended.size()));
    }

    /**
     * Ends one live session of a user, and publishes its revocation.
     * @return whether it ended (false: no such live session of this user)
     */
    public Mono<Boolean> end(UUID sessionId, UUID userId, RevocationReason reason) {
        Instant now = now();
        return this.sessions.revoke(sessionId, userId, reason.value(), now)
            .flatMap((ended) -> this.revocations.record(List.of(ended), reason, now).thenReturn(true))
            .defaultIfEmpty(false);
    }

    /**
     * Ends a session whose rows the caller has locked (a detected reuse), and publishes
     * its revocation.
     */
    Mono<Void> endLocked(UUID sessionId, RevocationReason reason, Instant now) {
        return this.sessions.revokeForReuse(sessionId, reason.value(), now)
            .then(this.revocations.record(List.of(sessionId), reason, now));
    }

    /** Fails as {@link #issue} would when no access token can be signed now. */
    void requireIssuable() {
        this.minter.requireSigningKey();
    }

    IssuedSession issue(Session session, TokenResponse.UserSummary user, List<String> roles, String refreshToken,
            Instant now) {
        MintedAccessToken access = this.minter.mint(user.id(), session.id(), roles, session.absoluteExpiresAt());
        return new IssuedSession(session, new TokenResponse(access.value(), "Bearer", access.expiresIn(), refreshToken,
                session.refreshExpiresInSeconds(now), user));
    }

    // Microseconds: what PostgreSQL stores, so rows and answers agree.
    Instant now() {
        return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * A session just begun and the tokens for it.
     *
     * @param session the session row
     * @param tokens the token response
     */
    public record IssuedSession(Session session, TokenResponse tokens) {

    }

}
