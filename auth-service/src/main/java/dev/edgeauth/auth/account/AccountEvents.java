package dev.edgeauth.auth.account;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import dev.edgeauth.auth.audit.AuthEvent;
import dev.edgeauth.auth.audit.AuthEventOutcome;
import dev.edgeauth.auth.audit.AuthEventType;
import dev.edgeauth.auth.audit.AuthEventWriter;
import dev.edgeauth.auth.session.ClientInfo;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The audit rows of account actions, with the client's address and user agent; each joins
 * the caller's transaction. Details hold reason codes and counts only, never a password
 * or a token.
 */
@Component
class AccountEvents {

    private final AuthEventWriter writer;

    private final Clock clock;

    AccountEvents(AuthEventWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    Mono<Void> success(AuthEventType type, UUID userId, @Nullable UUID sessionId, ClientInfo client,
            Map<String, ?> details) {
        return write(type, AuthEventOutcome.SUCCESS, userId, sessionId, client, details);
    }

    Mono<Void> failure(AuthEventType type, @Nullable UUID userId, ClientInfo client, String reason) {
        return write(type, AuthEventOutcome.FAILURE, userId, null, client, Map.of("reason", reason));
    }

    private Mono<Void> write(AuthEventType type, AuthEventOutcome outcome, @Nullable UUID userId,
            @Nullable UUID sessionId, ClientInfo client, Map<String, ?> details) {
        return this.writer.write(new AuthEvent(type, outcome, this.clock.instant(), userId, sessionId, client.ip(),
                client.userAgent(), details));
    }

}
