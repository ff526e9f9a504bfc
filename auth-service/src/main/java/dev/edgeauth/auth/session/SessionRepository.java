package dev.edgeauth.auth.session;

import java.time.Instant;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Sessions and their refresh tokens in PostgreSQL.
 */
@Repository
class SessionRepository {

    private static final String COLUMNS = "id, user_id, created_at, last_used_at, idle_expires_at, absolute_expires_at,"
            + " ip, user_agent, revoked_at";

    private final DatabaseClient database;

    SessionRepository(DatabaseClient database) {
        this.database = database;
    }

    Mono<Session> insert(UUID userId, Instant now, Instant idleExpiresAt, Instant absoluteExpiresAt,
            ClientInfo client) {
        DatabaseClient.GenericExecuteSpec insert = this.database
            .sql("INSERT INTO sessions (user_id, created_at, last_used_at, idle_expires_at, absolute_expires_at, ip,"
                    + " user_agent) VALUES (:userId, :now, :now, :idle, :absolute, :ip, :userAgent) RETURNING "
                    + COLUMNS)
            .bind("userId", userId)
            .bind("now", now)
            .bind("idle", idleExpiresAt)
            .bind("absolute", absoluteExpiresAt)
            .bind("ip", client.ip());
        insert = (client.userAgent() != null) ? insert.bind("userAgent", client.userAgent())
                : insert.bindNull("userAgent", String.class);
        return insert.map(SessionRepository::toSession).one();
    }

    Mono<Void> insertRefreshToken(UUID sessionId, byte[] tokenHash, Instant now) {
        return this.database
            .sql("INSERT INTO refresh_tokens (session_id, token_hash, created_at) VALUES (:sessionId, :hash, :now)")
            .bind("sessionId", sessionId)
            .bind("hash", tokenHash)
            .bind("now", now)
            .fetch()
            .rowsUpdated()
            .then();
    }

    /** The session of an access token, if it is still live (not revoked, not expired). */
    Mono<Session> findLive(UUID sessionId, UUID userId, Instant now) {
        return this.database
            .sql("SELECT " + COLUMNS + " FROM sessions WHERE id = :id AND user_id = :userId AND revoked_at IS NULL"
                    + " AND idle_expires_at > :now AND absolute_expires_at > :now")
            .bind("id", sessionId)
            .bind("userId", userId)
            .bind("now", now)
            .map(SessionRepository::toSession)
            .one();
    }

    /**
     * Ends every live session of a user but one.
     * @return how many sessions ended
     */
    Mono<Long> revokeAllExcept(UUID userId, UUID keptSessionId, String reason, Instant now) {
        return this.database
            .sql("UPDATE sessions SET revoked_at = :now, revoked_reason = :reason WHERE user_id = :userId"
                    + " AND id <> :kept AND revoked_at IS NULL")
            .bind("userId", userId)
            .bind("kept", keptSessionId)
            .bind("reason", reason)
            .bind("now", now)
            .fetch()
            .rowsUpdated();
    }

    private static Session toSession(Readable row) {
        return new Session(row.get("id", UUID.class), row.get("user_id", UUID.class),
                row.get("created_at", Instant.class), row.get("last_used_at", Instant.class),
                row.get("idle_expires_at", Instant.class), row.get("absolute_expires_at", Instant.class),
                row.get("ip", String.class), row.get("user_agent", String.class), row.get("revoked_at", Instant.class));
    }

}
