package dev.edgeauth.auth.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import dev.edgeauth.auth.token.AccessTokenMinter;
import dev.edgeauth.auth.token.MintedAccessToken;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.util.Assert;

/**
 * Begins and ends sessions. Each method runs in the caller's reactive transaction, so a
 * session, its first refresh token and the audit row that records them commit together.
 */
@Service
@EnableConfigurationProperties(SessionProperties.class)
public class SessionService {

    /** Why sessions ended when a user changed their password. */
    public static final String REASON_PASSWORD_CHANGED = "password_changed";

    private final SessionRepository sessions;

    private final SessionProperties properties;

    private final AccessTokenMinter minter;

    private final RefreshTokens refreshTokens;

    private final Clock clock;

    public SessionService(SessionRepository sessions, SessionProperties properties, AccessTokenMinter minter,
            SecureRandom secureRandom, Clock clock) {
        Assert.notNull(sessions, "sessions cannot be null");
        this.sessions = sessions;
        this.properties = properties;
        this.minter = minter;
        this.refreshTokens = new RefreshTokens(secureRandom);
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
        // Microseconds: what PostgreSQL stores, so the row and the answer agree.
        Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
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

    /**
     * Ends every other session of a user.
     * @return how many ended
     */
    public Mono<Long> endOthers(UUID userId, UUID keptSessionId, String reason) {
        return this.sessions.revokeAllExcept(userId, keptSessionId, reason, this.clock.instant());
    }

    private IssuedSession issue(Session session, TokenResponse.UserSummary user, List<String> roles,
            String refreshToken, Instant now) {
        MintedAccessToken access = this.minter.mint(user.id(), session.id(), roles);
        return new IssuedSession(session, new TokenResponse(access.value(), "Bearer", access.expiresIn(), refreshToken,
                session.refreshExpiresInSeconds(now), user));
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
