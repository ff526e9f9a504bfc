package dev.edgeauth.auth.account;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.edgeauth.auth.audit.AuthEventType;
import dev.edgeauth.auth.lockout.DeviceTokens;
import dev.edgeauth.auth.lockout.LoginThrottle;
import dev.edgeauth.auth.password.HashingGate;
import dev.edgeauth.auth.password.PasswordHasher;
import dev.edgeauth.auth.audit.ClientEvents;
import dev.edgeauth.auth.audit.ClientInfo;
import dev.edgeauth.auth.session.SessionService;
import dev.edgeauth.auth.session.TokenResponse;
import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * {@code POST /auth/login}. An unknown email and a wrong password get the same answer
 * after the same work (one Argon2 computation, against a dummy hash for an unknown
 * email), and the same lockout. While locked, every attempt gets 429 before any password
 * is checked, so a lock never tells whether a password was right.
 *
 * <p>
 * The whole attempt (lock check, hash, recording the outcome) holds one
 * {@link HashingGate} permit, so at most as many attempts as there are hashing threads
 * can be in flight past a lock being set.
 */
@Service
class LoginService {

    private static final String INVALID_CREDENTIALS = "The email or the password is wrong";

    private final UserRepository users;

    private final PasswordHasher hasher;

    private final HashingGate gate;

    private final LoginThrottle throttle;

    private final SessionService sessions;

    private final ClientEvents events;

    private final TransactionalOperator transaction;

    private final DeviceTokens deviceTokens;

    LoginService(UserRepository users, PasswordHasher hasher, HashingGate gate, LoginThrottle throttle,
            SessionService sessions, ClientEvents events, TransactionalOperator transaction,
            DeviceTokens deviceTokens) {
        this.users = users;
        this.hasher = hasher;
        this.gate = gate;
        this.throttle = throttle;
        this.sessions = sessions;
        this.events = events;
        this.transaction = transaction;
        this.deviceTokens = deviceTokens;
    }

    Mono<TokenResponse> login(Credentials credentials, ClientInfo client, @Nullable String deviceToken) {
        String email = EmailAddresses.foldForLogin(credentials.requireEmail());
        String password = credentials.requirePassword();
        // The permit covers what decides the outcome (lock check, hash, recording a
        // failure); a proven user's session is written after it is released, so the
        // hashing threads never wait on that I/O.
        return this.gate.run(() -> this.users.findByEmail(email)
            .map(Optional::of)
            .defaultIfEmpty(Optional.empty())
            .flatMap((user) -> {
                LoginThrottle.Source source = this.throttle.source(client.ip(), deviceToken,
                        user.map(User::id).orElse(null), user.map(User::credentialGeneration).orElse(0));
                return this.throttle.check(email, source).flatMap((check) -> {
                    Duration lock = check.remainingLock();
                    return (lock != null) ? locked(user.orElse(null), client, lock)
                            : verify(user.orElse(null), email, password, source, client)
                                .map((proven) -> new Proven(proven, check.failuresOnRecord(), source));
                });
            })).flatMap((proven) -> succeed(proven, email, password, client));
    }

    // The user whose password this is; otherwise the failure is recorded and the answer
    // is 401. An unknown email is hashed against a dummy hash: the same work.
    private Mono<User> verify(@Nullable User user, String email, String password, LoginThrottle.Source source,
            ClientInfo client) {
        return this.hasher.matches(password, (user != null) ? user.passwordHash() : null)
            .flatMap((matches) -> (matches && user != null) ? Mono.just(user) : fail(user, email, source, client));
    }

    private Mono<TokenResponse> succeed(Proven proven, String email, String password, ClientInfo client) {
        User user = proven.user();
        Mono<Void> forgetFailures = proven.failuresOnRecord() ? this.throttle.recordSuccess(email, proven.source())
                : Mono.empty();
        Mono<Void> rehash = this.hasher.needsRehash(user.passwordHash()) ? this.hasher.rehash(password)
            .flatMap((hash) -> this.users.rehash(user.id(), user.passwordHash(), hash)) : Mono.empty();
        Mono<TokenResponse> begin = forgetFailures.then(rehash)
            .then(this.sessions.begin(new TokenResponse.UserSummary(user.id(), user.email()), user.roles(), client))
            .flatMap((issued) -> this.events
                .success(AuthEventType.LOGIN_SUCCEEDED, user.id(), issued.session().id(), client, Map.of())
                .thenReturn(issued.tokens()));
        // The password was verified against the hash read before; a password change that
        // committed since then must not be outrun by a session of the old password.
        Mono<TokenResponse> signedIn = this.users.lockIfHashUnchanged(user.id(), user.passwordHash())
            .flatMap((unchanged) -> unchanged ? begin : Mono.error(new PasswordChangedMeanwhile()));
        return this.transaction.transactional(signedIn)
            .onErrorResume(PasswordChangedMeanwhile.class,
                    (ex) -> this.events.failure(AuthEventType.LOGIN_FAILED, user.id(), client, "password_changed")
                        .then(Mono.error(new ApiException(ErrorCode.INVALID_CREDENTIALS, INVALID_CREDENTIALS))))
            .map((tokens) -> tokens.withDeviceToken(this.deviceTokens.issue(user.id(), user.credentialGeneration())));
    }

    private Mono<User> fail(@Nullable User user, String email, LoginThrottle.Source source, ClientInfo client) {
        UUID userId = (user != null) ? user.id() : null;
        String reason = (user != null) ? "wrong_password" : "unknown_email";
        Mono<Void> recorded = this.throttle.recordFailure(email, source)
            .flatMap((lockedNow) -> this.events.failure(AuthEventType.LOGIN_FAILED, userId, client, reason)
                .then(lockedNow ? this.events.failure(AuthEventType.ACCOUNT_LOCKED, userId, client, "too_many_failures")
                        : Mono.empty()));
        return this.transaction.transactional(recorded)
            .then(Mono.error(new ApiException(ErrorCode.INVALID_CREDENTIALS, INVALID_CREDENTIALS)));
    }

    private <T> Mono<T> locked(@Nullable User user, ClientInfo client, Duration remaining) {
        return this.events.failure(AuthEventType.LOGIN_FAILED, (user != null) ? user.id() : null, client, "locked")
            .then(Mono.error(
                    new ApiException(ErrorCode.RATE_LIMITED, "Too many failed sign-ins; try again later", remaining)));
    }

    /** The account's password changed between the check and the session. */
    private static final class PasswordChangedMeanwhile extends RuntimeException {

        PasswordChangedMeanwhile() {
            super(null, null, false, false);
        }

    }

    /**
     * A user whose password was right, and whether the attempt's source had failures to
     * forget.
     */
    private record Proven(User user, boolean failuresOnRecord, LoginThrottle.Source source) {

    }

}
