package dev.edgeauth.auth.account;

import java.time.Duration;
import java.util.Map;

import dev.edgeauth.auth.audit.AuthEventType;
import dev.edgeauth.auth.lockout.LoginThrottle;
import dev.edgeauth.auth.password.HashingGate;
import dev.edgeauth.auth.password.PasswordHasher;
import dev.edgeauth.auth.revocation.RevocationReason;
import dev.edgeauth.auth.audit.ClientEvents;
import dev.edgeauth.auth.audit.ClientInfo;
import dev.edgeauth.auth.authentication.CurrentSession;
import dev.edgeauth.auth.session.SessionService;
import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * {@code POST /auth/password}: the current password proves the caller, the new one must
 * pass the policy; then the hash changes (and the credential generation with it, so every
 * device token of the old password stops working) and every other session of the user
 * ends, with one {@code password_changed} row, all in one transaction. The session that
 * changed the password lives on.
 *
 * <p>
 * A wrong current password counts in the login lockout (account and source: address, or
 * device token), so a stolen access token cannot guess the password without bound; a
 * locked caller gets 429 before any hashing.
 */
@Service
class PasswordChangeService {

    private final UserRepository users;

    private final PasswordHasher hasher;

    private final HashingGate gate;

    private final SessionService sessions;

    private final ClientEvents events;

    private final TransactionalOperator transaction;

    private final LoginThrottle throttle;

    PasswordChangeService(UserRepository users, PasswordHasher hasher, HashingGate gate, SessionService sessions,
            ClientEvents events, TransactionalOperator transaction, LoginThrottle throttle) {
        this.users = users;
        this.hasher = hasher;
        this.gate = gate;
        this.sessions = sessions;
        this.events = events;
        this.transaction = transaction;
        this.throttle = throttle;
    }

    Mono<Void> change(CurrentSession caller, PasswordChange change, ClientInfo client, @Nullable String deviceToken) {
        String current = Credentials.require(change.currentPassword(), "current_password");
        String next = Credentials.require(change.newPassword(), "new_password");
        return this.users.findById(caller.userId())
            .switchIfEmpty(Mono.error(() -> new ApiException(ErrorCode.INVALID_TOKEN, "The account no longer exists")))
            .flatMap((user) -> {
                LoginThrottle.Source source = this.throttle.source(client.ip(), deviceToken, user.id(),
                        user.credentialGeneration());
                // The lock is checked before a hashing permit is taken: a locked caller
                // never reaches the hashing queue.
                return this.throttle.check(user.email(), source).flatMap((check) -> {
                    Duration lock = check.remainingLock();
                    return (lock != null) ? locked(caller, client, lock)
                            : this.gate.run(() -> verify(user, current, source, caller, client)
                                .then(Mono.defer(() -> replace(user, caller, next, client))));
                });
            });
    }

    // Completes when the current password is right; otherwise the failure counts in the
    // lockout, like a login's, and the answer is 401.
    private Mono<Void> verify(User user, String current, LoginThrottle.Source source, CurrentSession caller,
            ClientInfo client) {
        return this.hasher.matches(current, user.passwordHash()).flatMap((matches) -> {
            if (matches) {
                return Mono.empty();
            }
            Mono<Void> recorded = this.throttle.recordFailure(user.email(), source)
                .flatMap((lockedNow) -> this.events
                    .failure(AuthEventType.PASSWORD_CHANGED, caller.userId(), client, "wrong_password")
                    .then(lockedNow ? this.events.failure(AuthEventType.ACCOUNT_LOCKED, caller.userId(), client,
                            "too_many_failures") : Mono.empty()));
            return this.transaction.transactional(recorded)
                .then(Mono.error(new ApiException(ErrorCode.INVALID_CREDENTIALS, "The current password is wrong")));
        });
    }

    private <T> Mono<T> locked(CurrentSession caller, ClientInfo client, Duration remaining) {
        return refuse(caller, client, "locked",
                new ApiException(ErrorCode.RATE_LIMITED, "Too many wrong passwords; try again later", remaining));
    }

    private Mono<Void> replace(User user, CurrentSession caller, String next, ClientInfo client) {
        return this.hasher.hashNew(next, user.email())
            .onErrorResume(ApiException.class, (ex) -> refuse(caller, client, "weak_password", ex))
            .flatMap((hash) -> this.transaction.transactional(this.users.changePassword(user.id(), hash)
                .then(this.sessions.endOthers(user.id(), caller.sessionId(), RevocationReason.PASSWORD_CHANGED))
                .flatMap((ended) -> this.events.success(AuthEventType.PASSWORD_CHANGED, user.id(), caller.sessionId(),
                        client, Map.of("sessions_ended", ended)))));
    }

    private <T> Mono<T> refuse(CurrentSession caller, ClientInfo client, String reason, ApiException error) {
        return this.events.failure(AuthEventType.PASSWORD_CHANGED, caller.userId(), client, reason)
            .then(Mono.error(error));
    }

}
