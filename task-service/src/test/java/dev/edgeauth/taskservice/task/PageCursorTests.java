package dev.edgeauth.taskservice.task;

import java.time.Instant;
import java.util.UUID;

import dev.edgeauth.common.problem.ApiException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PageCursorTests {

    @Test
    void decodeWhenEncodedThenSamePosition() {
        PageCursor cursor = new PageCursor(Instant.parse("2026-11-25T10:15:30.123456Z"), UUID.randomUUID());
        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void decodeWhenTimeBeforeEpochThenSamePosition() {
        PageCursor cursor = new PageCursor(Instant.parse("1960-01-01T00:00:00.000001Z"), UUID.randomUUID());
        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void decodeWhenNotCanonicalThenInvalidRequest() {
        String lenientUuid = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("1.1-1-1-1-1".getBytes());
        for (String bad : new String[] { "", "!!!", "bm8", lenientUuid, "x".repeat(200) }) {
            assertThatExceptionOfType(ApiException.class).as(bad)
                .isThrownBy(() -> PageCursor.decode(bad))
                .withMessageContaining("cursor");
        }
    }

}
