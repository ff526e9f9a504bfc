package dev.edgeauth.auth.account;

import java.util.Map;

import dev.edgeauth.auth.audit.AuthEventType;
import dev.edgeauth.auth.password.HashingGate;
import dev.edgeauth.auth.password.PasswordHasher;
import dev.edgeauth.auth.revocation.RevocationReason;
import dev.edgeauth.auth.session.ClientEvents;
import dev.edgeauth.auth.session.ClientInfo;
import dev.edgeauth.auth.session.CurrentSession;
import dev.edgeauth.auth.session.SessionService;
import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * {@code POST /auth/password}: the current password proves the caller, the new one must
 * pass the policy; then the hash changes and every other session of the user ends, with
 * one {@code password_changed} row, all in one transaction. The session that changed the
 * password lives on.
 */
@Service
class PasswordChangeService {

    private final UserRepository users;

    private final PasswordHasher hasher;

    private final HashingGate gate;

    private final SessionService sessions;

    private final ClientEvents events;

    private final TransactionalOperator transaction;

    PasswordChangeService(UserRepository users, PasswordHasher hasher, HashingGate gate, SessionService sessions,
            ClientEvents events, TransactionalOperator transaction) {
        this.users = users;
        this.hasher = hasher;
        this.gate = gate;
        this.sessions = sessions;
        this.events = events;
        this.transaction = transaction;
    }

    Mono<Void> change(CurrentSession caller, PasswordChange change, ClientInfo client) {
        String current = Credentials.require(change.currentPassword(), "current_password");
        String next = Credentials.require(change.newPassword(), "new_password");
        return this.gate
            .run(() -> this.users.findById(caller.userId())
                .switchIfEmpty(
                        Mono.error(() -> new ApiException(ErrorCode.INVALID_TOKEN, "The account no longer exists")))
                .flatMap((user) -> this.hasher.matches(current, user.passwordHash())
                    .flatMap((matches) -> matches ? replace(user, caller, next, client) : refuse(caller, client,
                            "wrong_password",
                            new ApiException(ErrorCode.INVALID_CREDENTIALS, "The current password is wrong")))));
    }

    private Mono<Void> replace(User user, CurrentSession caller, String next, ClientInfo client) {
        return this.hasher.hashNew(next, user.email())
            .onErrorResume(ApiException.class, (ex) -> refuse(caller, client, "weak_password", ex))
            .flatMap((hash) -> this.transaction.transactional(this.users.updatePasswordHash(user.id(), hash)
                .then(this.sessions.endOthers(user.id(), caller.sessionId(), RevocationReason.PASSWORD_CHANGED))
                .flatMap((ended) -> this.events.success(AuthEventType.PASSWORD_CHANGED, user.id(), caller.sessionId(),
                        client, Map.of("sessions_ended", ended)))));
    }

    private <T> Mono<T> refuse(CurrentSession caller, ClientInfo client, String reason, ApiException error) {
        return this.events.failure(AuthEventType.PASSWORD_CHANGED, caller.userId(), client, reason)
            .then(Mono.error(error));
    }

}
