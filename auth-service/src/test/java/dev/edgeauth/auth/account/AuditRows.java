package dev.edgeauth.auth.account;

import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Test fixture (assert with {@code StepVerifier}): the audit rows written for a user or a
 * client address, oldest first, as "type/outcome[/reason]".
 */
public final class AuditRows {

    private final DatabaseClient database;

    public AuditRows(DatabaseClient database) {
        this.database = database;
    }

    public Mono<List<String>> ofUser(UUID userId) {
        return rows("user_id = :key", userId);
    }

    public Mono<List<String>> ofAddress(String ip) {
        return rows("ip = :key", ip);
    }

    private Mono<List<String>> rows(String condition, Object key) {
        return this.database
            .sql("SELECT type, outcome, details->>'reason' AS reason FROM auth_events WHERE " + condition
                    + " ORDER BY id")
            .bind("key", key)
            .map((row) -> row.get("type", String.class) + "/" + row.get("outcome", String.class)
                    + ((row.get("reason", String.class) != null) ? "/" + row.get("reason", String.class) : ""))
            .all()
            .collectList();
    }

}
