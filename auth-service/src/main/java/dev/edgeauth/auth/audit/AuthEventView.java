package dev.edgeauth.auth.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One item of {@code GET /auth/admin/events}: exactly the contract's fields.
 *
 * @param id the row id
 * @param type what happened
 * @param occurredAt when
 * @param userId the user concerned, or {@code null}
 * @param sessionId the session concerned, or {@code null}
 * @param ip the client address, or {@code null}
 * @param userAgent the client's user agent, or {@code null}
 * @param outcome {@code success} or {@code failure}
 * @param details further facts
 */
record AuthEventView(long id, String type, Instant occurredAt, @Nullable UUID userId, @Nullable UUID sessionId,
        @Nullable String ip, @Nullable String userAgent, String outcome, Map<String, Object> details) {

}
