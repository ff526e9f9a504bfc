package dev.edgeauth.auth.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.edgeauth.auth.Await;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code auth_events} table is exactly the contract's, and the writer fills it.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_tokens")
class AuthEventWriterTests {

    @Autowired
    private AuthEventWriter writer;

    @Autowired
    private DatabaseClient database;

    @Test
    void authEventsTableWhenMigratedThenHasExactlyTheContractColumns() {
        List<String> columns = Await.value(
                this.database
                    .sql("SELECT column_name || ' ' || data_type AS col FROM information_schema.columns"
                            + " WHERE table_schema = current_schema() AND table_name = 'auth_events'"
                            + " ORDER BY ordinal_position")
                    .map((row) -> row.get("col", String.class))
                    .all()
                    .collectList());

        assertThat(columns).containsExactly("id bigint", "type text", "occurred_at timestamp with time zone",
                "user_id uuid", "session_id uuid", "ip text", "user_agent text", "outcome text", "details jsonb");
    }

    @Test
    void writeWhenEventHasEveryFieldThenRowHoldsThem() {
        UUID userId = UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();
        Instant occurredAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

        Await.completion(this.writer.write(new AuthEvent(AuthEventType.LOGOUT, AuthEventOutcome.SUCCESS, occurredAt,
                userId, sessionId, "203.0.113.7", "x".repeat(600), Map.of("sessions_ended", 2))));

        Map<String, Object> row = Await.value(this.database
            .sql("SELECT type, occurred_at, session_id, ip, length(user_agent) AS agent_length, outcome,"
                    + " details ->> 'sessions_ended' AS ended FROM auth_events WHERE user_id = :userId")
            .bind("userId", userId)
            .fetch()
            .one());
        assertThat(row).containsEntry("type", "logout")
            .containsEntry("session_id", sessionId)
            .containsEntry("ip", "203.0.113.7")
            .containsEntry("agent_length", AuthEventWriter.MAX_USER_AGENT_LENGTH)
            .containsEntry("outcome", "success")
            .containsEntry("ended", "2");
        assertThat(((java.time.OffsetDateTime) row.get("occurred_at")).toInstant()).isEqualTo(occurredAt);
    }

    @Test
    void writeWhenUserAgentHasControlCharactersThenStoredReplaced() {
        UUID userId = UUID.randomUUID();

        Await.completion(
                this.writer.write(new AuthEvent(AuthEventType.LOGIN_FAILED, AuthEventOutcome.FAILURE, Instant.now(),
                        userId, null, "198.51.100.1", "agent\u0000\nforged", Map.of("reason", "wrong_password"))));

        String stored = Await.value(this.database.sql("SELECT user_agent FROM auth_events WHERE user_id = :userId")
            .bind("userId", userId)
            .map((row) -> row.get("user_agent", String.class))
            .one());
        assertThat(stored).isEqualTo("agent\uFFFD\uFFFDforged");
    }

}
