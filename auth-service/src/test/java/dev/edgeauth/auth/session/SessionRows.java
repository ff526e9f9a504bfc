package dev.edgeauth.auth.session;

import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Test fixture (assert with {@code StepVerifier}): what the database holds about a
 * session.
 */
final class SessionRows {

    private final DatabaseClient database;

    SessionRows(DatabaseClient database) {
        this.database = database;
    }

    /** The hashes of the session's live (unspent) refresh tokens. */
    Mono<List<byte[]>> liveTokenHashes(UUID sessionId) {
        return this.database
            .sql("SELECT token_hash FROM refresh_tokens WHERE session_id = :id AND spent_at IS NULL ORDER BY id")
            .bind("id", sessionId)
            .map((row) -> row.get("token_hash", byte[].class))
            .all()
            .collectList();
    }

    /** How many of the session's spent tokens still hold a successor's ciphertext. */
    Mono<Long> keptSuccessors(UUID sessionId) {
        return this.database
            .sql("SELECT count(*) AS kept FROM refresh_tokens WHERE session_id = :id"
                    + " AND successor_ciphertext IS NOT NULL")
            .bind("id", sessionId)
            .map((row) -> row.get("kept", Long.class))
            .one();
    }

    /** The session's revoked_reason, or "live". */
    Mono<String> state(UUID sessionId) {
        return this.database.sql("SELECT coalesce(revoked_reason, 'live') AS state FROM sessions WHERE id = :id")
            .bind("id", sessionId)
            .map((row) -> row.get("state", String.class))
            .one();
    }

    /** The audit rows of a user as "type/outcome details", oldest first. */
    Mono<List<String>> auditWithDetails(UUID userId) {
        return this.database
            .sql("SELECT type, outcome, details::text AS details FROM auth_events WHERE user_id = :id ORDER BY id")
            .bind("id", userId)
            .map((row) -> row.get("type", String.class) + "/" + row.get("outcome", String.class) + " "
                    + row.get("details", String.class))
            .all()
            .collectList();
    }

}
