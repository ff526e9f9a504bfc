package dev.edgeauth.auth.account;

import java.util.Map;

import dev.edgeauth.auth.audit.AuthEventType;
import dev.edgeauth.auth.lockout.DeviceTokens;
import dev.edgeauth.auth.password.HashingGate;
import dev.edgeauth.auth.password.PasswordHasher;
import dev.edgeauth.auth.audit.ClientEvents;
import dev.edgeauth.auth.audit.ClientInfo;
import dev.edgeauth.auth.session.SessionService;
import dev.edgeauth.auth.session.TokenResponse;
import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * {@code POST /auth/signup}: a new account, its first session and tokens, and exactly one
 * audit row ({@code signup}, success or failure with the reason), committed together.
 */
@Service
class SignupService {

    private final UserRepository users;

    private final PasswordHasher hasher;

    private final HashingGate gate;

    private final SessionService sessions;

    private final ClientEvents events;

    private final TransactionalOperator transaction;

    private final DeviceTokens deviceTokens;

    SignupService(UserRepository users, PasswordHasher hasher, HashingGate gate, SessionService sessions,
            ClientEvents events, TransactionalOperator transaction, DeviceTokens deviceTokens) {
        this.users = users;
        this.hasher = hasher;
        this.gate = gate;
        this.sessions = sessions;
        this.events = events;
        this.transaction = transaction;
        this.deviceTokens = deviceTokens;
    }

    Mono<TokenResponse> signup(Credentials credentials, ClientInfo client) {
        String typedEmail = credentials.requireEmail();
        String password = credentials.requirePassword();
        String email;
        try {
            email = EmailAddresses.fold(typedEmail);
        }
        catch (ApiException ex) {
            return refuse(client, "invalid_email", ex);
        }
        return this.gate.run(() -> this.hasher.hashNew(password, email))
            .onErrorResume(ApiException.class,
                    (ex) -> (ex.errorCode() == ErrorCode.WEAK_PASSWORD) ? refuse(client, "weak_password", ex)
                            : Mono.error(ex))
            .flatMap((hash) -> create(email, hash, client));
    }

    private Mono<TokenResponse> create(String email, String hash, ClientInfo client) {
        Mono<TokenResponse> created = this.users.insertIfAbsent(email, hash)
            .flatMap((user) -> this.sessions
                .begin(new TokenResponse.UserSummary(user.id(), user.email()), user.roles(), client)
                .flatMap((issued) -> this.events
                    .success(AuthEventType.SIGNUP, user.id(), issued.session().id(), client, Map.of())
                    .thenReturn(issued.tokens()
                        .withDeviceToken(this.deviceTokens.issue(user.id(), user.credentialGeneration())))));
        return this.transaction.transactional(created)
            .switchIfEmpty(Mono.defer(() -> refuse(client, "email_taken",
                    new ApiException(ErrorCode.EMAIL_TAKEN, "An account with this email already exists"))));
    }

    private <T> Mono<T> refuse(ClientInfo client, String reason, ApiException error) {
        return this.events.failure(AuthEventType.SIGNUP, null, client, reason).then(Mono.error(error));
    }

}
