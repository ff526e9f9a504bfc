package dev.edgeauth.taskservice.task;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;

/**
 * A keyset position in a user's task list (newest first): the creation time and id of the
 * last task of the previous page. Opaque to clients (base64url); it holds no owner,
 * because every query is already limited to the caller's tasks, so a forged cursor can
 * only skip through the caller's own list.
 *
 * @param createdAt creation time of the last task seen
 * @param id id of the last task seen
 */
record PageCursor(Instant createdAt, UUID id) {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private static final int MAX_LENGTH = 128;

    static PageCursor after(Task task) {
        return new PageCursor(task.createdAt(), task.id());
    }

    String encode() {
        long micros = this.createdAt.getEpochSecond() * 1_000_000 + this.createdAt.getNano() / 1_000;
        return ENCODER.encodeToString((micros + "." + this.id).getBytes(StandardCharsets.US_ASCII));
    }

    static PageCursor decode(String cursor) {
        if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw malformed();
        }
        try {
            String text = new String(DECODER.decode(cursor), StandardCharsets.US_ASCII);
            int dot = text.indexOf('.');
            long micros = Long.parseLong(text.substring(0, dot));
            UUID id = UUID.fromString(text.substring(dot + 1));
            Instant createdAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                    Math.floorMod(micros, 1_000_000) * 1_000L);
            PageCursor decoded = new PageCursor(createdAt, id);
            if (!decoded.encode().equals(cursor)) {
                throw malformed();
            }
            return decoded;
        }
        catch (IllegalArgumentException | IndexOutOfBoundsException | java.time.DateTimeException ex) {
            throw malformed();
        }
    }

    private static ApiException malformed() {
        return new ApiException(ErrorCode.INVALID_REQUEST, "Query parameter 'cursor' is malformed");
    }

}
