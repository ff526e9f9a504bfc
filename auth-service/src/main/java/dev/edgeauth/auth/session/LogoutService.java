package dev.edgeauth.auth.session;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.edgeauth.auth.audit.AuthEventType;
import dev.edgeauth.auth.audit.ClientEvents;
import dev.edgeauth.auth.audit.ClientInfo;
import dev.edgeauth.auth.authentication.CurrentSession;
import dev.edgeauth.auth.revocation.RevocationReason;
import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * {@code POST /auth/logout} and {@code DELETE /auth/sessions/{id}}: each ends sessions,
 * publishes their revocation and writes its one audit row, in one transaction.
 */
@Service
class LogoutService {

    private final SessionService sessions;

    private final SessionRepository repository;

    private final ClientEvents events;

    private final TransactionalOperator transaction;

    LogoutService(SessionService sessions, SessionRepository repository, ClientEvents events,
            TransactionalOperator transaction) {
        this.sessions = sessions;
        this.repository = repository;
        this.events = events;
        this.transaction = transaction;
    }

    /** Logout by bearer token: the caller's session is the one the scope is about. */
    Mono<Void> logout(CurrentSession caller, LogoutScope scope, ClientInfo client) {
        return this.transaction.transactional(end(caller.userId(), caller.sessionId(), scope, client));
    }

    /**
     * Logout by refresh token (RFC 7009 spirit): the session whose live token it is. An
     * unknown, malformed or spent token ends nothing and is still a success (RFC 7009
     * §2.2: the client cannot do anything about it).
     */
    Mono<Void> logout(String refreshToken, LogoutScope scope, ClientInfo client) {
        Mono<Void> logout = (RefreshTokens.isWellFormed(refreshToken)
                ? this.repository.findByLiveToken(RefreshTokens.hash(refreshToken)) : Mono.<Session>empty())
            .flatMap((session) -> end(session.userId(), session.id(), scope, client).thenReturn(true))
            .switchIfEmpty(
                    Mono.defer(() -> this.events
                        .success(AuthEventType.LOGOUT, null, null, client,
                                Map.of("sessions_ended", 0, "reason", "unknown_or_spent_refresh_token"))
                        .thenReturn(false)))
            .then();
        return this.transaction.transactional(logout);
    }

    /** Ends one of the caller's sessions; another user's or an ended one is 404. */
    Mono<Void> revoke(CurrentSession caller, UUID sessionId, ClientInfo client) {
        Mono<Boolean> revoke = this.sessions.end(sessionId, caller.userId(), RevocationReason.SESSION_REVOKED)
            .flatMap((ended) -> ended
                    ? this.events
                        .success(AuthEventType.SESSION_REVOKED, caller.userId(), sessionId, client,
                                Map.of("by_session", caller.sessionId().toString()))
                        .thenReturn(true)
                    : this.events.failure(AuthEventType.SESSION_REVOKED, caller.userId(), client, "not_found")
                        .thenReturn(false));
        return this.transaction.transactional(revoke)
            .flatMap((ended) -> ended ? Mono.<Void>empty()
                    : Mono.<Void>error(new ApiException(ErrorCode.NOT_FOUND, "No such session")));
    }

    private Mono<Void> end(UUID userId, UUID sessionId, LogoutScope scope, ClientInfo client) {
        Mono<Long> ended = switch (scope) {
            case LOCAL -> this.sessions.end(sessionId, userId, RevocationReason.LOGOUT).map((done) -> done ? 1L : 0L);
            case GLOBAL -> this.sessions.endAll(userId, null, RevocationReason.LOGOUT);
            case OTHERS -> this.sessions.endAll(userId, sessionId, RevocationReason.LOGOUT);
        };
        return ended.flatMap((count) -> this.events.success(AuthEventType.LOGOUT, userId, sessionId, client,
                Map.of("sessions_ended", count, "scope", scope.name().toLowerCase(Locale.ROOT))));
    }

}
