package dev.edgeauth.auth.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One audit row. It never holds a password, a token or a hash (contract, "Audit events"):
 * callers put only identifiers, counts and reason codes in {@code details}.
 *
 * @param type what happened
 * @param outcome whether it succeeded
 * @param occurredAt when
 * @param userId the user concerned, or {@code null} (a key rotation has none)
 * @param sessionId the session concerned, or {@code null}
 * @param ip the client address as the gateway determined it, or {@code null}
 * @param userAgent the client's {@code User-Agent}, or {@code null}
 * @param details further facts as a JSON object (strings, numbers, booleans, nested maps
 * and lists)
 */
public record AuthEvent(AuthEventType type, AuthEventOutcome outcome, Instant occurredAt, @Nullable UUID userId,
        @Nullable UUID sessionId, @Nullable String ip, @Nullable String userAgent, Map<String, ?> details) {

    public AuthEvent {
        Assert.notNull(type, "type cannot be null");
        Assert.notNull(outcome, "outcome cannot be null");
        Assert.notNull(occurredAt, "occurredAt cannot be null");
        details = Map.copyOf(details);
    }

    /**
     * An event about the system rather than a user (such as a key rotation).
     * @param type what happened
     * @param outcome whether it succeeded
     * @param occurredAt when
     * @param details further facts
     * @return the event
     */
    public static AuthEvent system(AuthEventType type, AuthEventOutcome outcome, Instant occurredAt,
            Map<String, ?> details) {
        return new AuthEvent(type, outcome, occurredAt, null, null, null, null, details);
    }

}
