package dev.edgeauth.auth.audit;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The audit rows of what a client does to its account and sessions, with the client's
 * address and user agent; each joins the caller's transaction. Details hold reason codes,
 * counts and client descriptions only, never a password or a token.
 */
@Component
public class ClientEvents {

    private final AuthEventWriter writer;

    private final Clock clock;

    ClientEvents(AuthEventWriter writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    public Mono<Void> success(AuthEventType type, @Nullable UUID userId, @Nullable UUID sessionId, ClientInfo client,
            Map<String, ?> details) {
        return write(type, AuthEventOutcome.SUCCESS, userId, sessionId, client, details);
    }

    public Mono<Void> failure(AuthEventType type, @Nullable UUID userId, ClientInfo client, String reason) {
        return write(type, AuthEventOutcome.FAILURE, userId, null, client, Map.of("reason", reason));
    }

    public Mono<Void> failure(AuthEventType type, @Nullable UUID userId, @Nullable UUID sessionId, ClientInfo client,
            Map<String, ?> details) {
        return write(type, AuthEventOutcome.FAILURE, userId, sessionId, client, details);
    }

    /**
     * Counts an audit row that a statement of this feature inserted itself (the metric
     * the writer keeps for every row).
     */
    public void counted(AuthEventType type, AuthEventOutcome outcome) {
        this.writer.counted(type, outcome);
    }

    private Mono<Void> write(AuthEventType type, AuthEventOutcome outcome, @Nullable UUID userId,
            @Nullable UUID sessionId, ClientInfo client, Map<String, ?> details) {
        return this.writer.write(new AuthEvent(type, outcome, this.clock.instant(), userId, sessionId, client.ip(),
                client.userAgent(), details));
    }

}
