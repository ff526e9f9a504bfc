package dev.edgeauth.auth.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * The filters of {@code GET /auth/admin/events}, validated: each bad one is 400
 * {@code invalid_request} naming the parameter.
 *
 * @param userId only this user's events, or {@code null}
 * @param type only events of this type, or {@code null}
 * @param since only events that occurred at or after this time, or {@code null}
 * @param limit at most this many (1–100, default 20)
 * @param beforeId only events older than this row (the cursor), or {@code null}
 */
record AuthEventQuery(@Nullable UUID userId, @Nullable AuthEventType type, @Nullable Instant since, int limit,
        @Nullable Long beforeId) {

    static final int DEFAULT_LIMIT = 20;

    static final int MAX_LIMIT = 100;

    private static final String CURSOR_PREFIX = "e:";

    static AuthEventQuery parse(@Nullable String userId, @Nullable String type, @Nullable String since,
            @Nullable String limit, @Nullable String cursor) {
        return new AuthEventQuery(parseUserId(userId), parseType(type), parseSince(since), parseLimit(limit),
                (cursor != null) ? decodeCursor(cursor) : null);
    }

    /** The opaque cursor that continues after an event. */
    static String cursorAfter(long id) {
        return Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString((CURSOR_PREFIX + id).getBytes(StandardCharsets.US_ASCII));
    }

    private static @Nullable UUID parseUserId(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        }
        catch (IllegalArgumentException ex) {
            throw invalid("user_id", "must be a user id (UUID)");
        }
    }

    private static @Nullable AuthEventType parseType(@Nullable String value) {
        if (value == null) {
            return null;
        }
        for (AuthEventType type : AuthEventType.values()) {
            if (type.value().equals(value)) {
                return type;
            }
        }
        throw invalid("type", "must be one of the audit event types");
    }

    private static @Nullable Instant parseSince(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        }
        catch (DateTimeParseException ex) {
            throw invalid("since", "must be an RFC 3339 time such as 2026-01-31T12:00:00Z");
        }
    }

    private static int parseLimit(@Nullable String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        catch (NumberFormatException ex) {
            // Refused below.
        }
        throw invalid("limit", "must be an integer from 1 to " + MAX_LIMIT);
    }

    private static long decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(CURSOR_PREFIX)) {
                long id = Long.parseLong(text.substring(CURSOR_PREFIX.length()));
                if (id > 0 && cursorAfter(id).equals(cursor)) {
                    return id;
                }
            }
        }
        catch (IllegalArgumentException ex) {
            // Refused below (NumberFormatException is one too).
        }
        throw invalid("cursor", "is malformed");
    }

    private static ApiException invalid(String parameter, String rule) {
        return new ApiException(ErrorCode.INVALID_REQUEST, "Query parameter '" + parameter + "' " + rule);
    }

}
