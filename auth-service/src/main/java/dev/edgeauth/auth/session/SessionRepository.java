package dev.edgeauth.auth.session;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import dev.edgeauth.auth.audit.AuthEventOutcome;
import dev.edgeauth.auth.audit.AuthEventType;
import dev.edgeauth.auth.audit.AuthEventWriter;
import dev.edgeauth.auth.audit.ClientInfo;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

/**
 * Sessions and their refresh tokens in PostgreSQL.
 *
 * <p>
 * Locking order, so that no two transactions ever wait for each other in a cycle: a
 * refresh locks its token's row, then its session's; ending sessions locks session rows
 * in id order and never a token row; the revocation feed's advisory lock is always taken
 * last.
 */
@Repository
class SessionRepository {

    private static final String COLUMNS = """
            id, user_id, created_at, last_used_at, idle_expires_at, absolute_expires_at,
            ip, user_agent, revoked_at""";

    private static final String LIVE = "revoked_at IS NULL AND idle_expires_at > :now AND absolute_expires_at > :now";

    // A live token's rotation in one statement (rotateLive), with its audit row: so in
    // the same transaction.
    private static final String ROTATE_LIVE = """
            WITH live AS MATERIALIZED (SELECT rt.id, rt.session_id FROM refresh_tokens rt
                JOIN sessions s ON s.id = rt.session_id WHERE rt.token_hash = :hash AND rt.spent_at IS NULL
                AND s.revoked_at IS NULL AND s.idle_expires_at > :now AND s.absolute_expires_at > :now
                FOR UPDATE OF rt, s),
            spent AS (UPDATE refresh_tokens rt SET spent_at = :now, spent_by_ip = :ip,
                spent_by_user_agent = :userAgent, successor_ciphertext = :ciphertext FROM live WHERE rt.id = live.id),
            successor AS (INSERT INTO refresh_tokens (session_id, token_hash, parent_id, created_at)
                SELECT session_id, :successorHash, id, :now FROM live),
            used AS (UPDATE sessions s SET last_used_at = :now,
                idle_expires_at = LEAST(:idle, s.absolute_expires_at) FROM live WHERE s.id = live.session_id
                RETURNING s.id, s.user_id, s.created_at, s.last_used_at, s.idle_expires_at,
                s.absolute_expires_at, s.ip, s.user_agent, s.revoked_at),
            %s
            SELECT used.*, u.email, u.roles FROM used JOIN users u ON u.id = used.user_id""".formatted(
            AuthEventWriter.insertPerRow("audit", "used", AuthEventType.TOKEN_REFRESHED, AuthEventOutcome.SUCCESS));

    private final DatabaseClient database;

    SessionRepository(DatabaseClient database) {
        this.database = database;
    }

    Mono<Session> insert(UUID userId, Instant now, Instant idleExpiresAt, Instant absoluteExpiresAt,
            ClientInfo client) {
        GenericExecuteSpec insert = this.database
            .sql("INSERT INTO sessions (user_id, created_at, last_used_at, idle_expires_at, absolute_expires_at, ip,"
                    + " user_agent) VALUES (:userId, :now, :now, :idle, :absolute, :ip, :userAgent) RETURNING "
                    + COLUMNS)
            .bind("userId", userId)
            .bind("now", now)
            .bind("idle", idleExpiresAt)
            .bind("absolute", absoluteExpiresAt)
            .bind("ip", client.ip());
        insert = bindNullable(insert, "userAgent", client.userAgent());
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
            .sql("SELECT " + COLUMNS + " FROM sessions WHERE id = :id AND user_id = :userId AND " + LIVE)
            .bind("id", sessionId)
            .bind("userId", userId)
            .bind("now", now)
            .map(SessionRepository::toSession)
            .one();
    }

    /** A user's live sessions, the most recently used first. */
    Flux<Session> findAllLive(UUID userId, Instant now) {
        return this.database
            .sql("SELECT " + COLUMNS + " FROM sessions WHERE user_id = :userId AND " + LIVE
                    + " ORDER BY last_used_at DESC, id")
            .bind("userId", userId)
            .bind("now", now)
            .map(SessionRepository::toSession)
            .all();
    }

    /**
     * Rotates a live token in one statement, the common case of a refresh (autocommit,
     * one round trip): locks the token's row and then its session's (the order of
     * {@link #lockForRefresh}) only if the token is unspent and the session neither
     * revoked nor expired, then spends the token (keeping its successor's ciphertext for
     * the grace window), inserts the successor, slides the session's idle expiry (never
     * past its absolute one) and inserts the {@code token_refreshed} success audit row.
     *
     * <p>
     * In READ COMMITTED, a statement that waited for either lock re-checks the condition
     * on the rows as the holder committed them: a token spent or a session revoked
     * meanwhile makes it change nothing at all. Empty then: the caller decides in the
     * locking transaction (replay, reuse or refusal).
     * @return the used session and its user, or empty when nothing was changed
     */
    Mono<RotatedSession> rotateLive(byte[] tokenHash, byte[] successorHash, byte[] successorCiphertext,
            ClientInfo client, Instant now, Instant idleExpiresAt) {
        GenericExecuteSpec rotate = this.database.sql(ROTATE_LIVE)
            .bind("hash", tokenHash)
            .bind("now", now)
            .bind("ip", client.ip())
            .bind("ciphertext", successorCiphertext)
            .bind("successorHash", successorHash)
            .bind("idle", idleExpiresAt);
        rotate = bindNullable(rotate, "userAgent", client.userAgent());
        rotate = AuthEventWriter.bindClient(rotate, client);
        return rotate.map((row) -> new RotatedSession(toSession(row), row.get("email", String.class), roles(row)))
            .one();
    }

    /**
     * Locks a presented refresh token's row and its session's (RFC 6749 §10.4 rotation
     * needs the check and the spend to be one step): concurrent refreshes of one token,
     * and a refresh racing a revocation of its session, run one after the other, each
     * seeing what the previous one committed.
     */
    Mono<RefreshCandidate> lockForRefresh(byte[] tokenHash) {
        return this.database.sql("""
                SELECT rt.id AS token_id, rt.spent_at, rt.spent_by_ip, rt.spent_by_user_agent,
                rt.successor_ciphertext, s.id, s.user_id, s.created_at, s.last_used_at, s.idle_expires_at,
                s.absolute_expires_at, s.ip, s.user_agent, s.revoked_at, u.email, u.roles
                FROM refresh_tokens rt JOIN sessions s ON s.id = rt.session_id JOIN users u ON u.id = s.user_id
                WHERE rt.token_hash = :hash FOR UPDATE OF rt, s""")
            .bind("hash", tokenHash)
            .map((row) -> new RefreshCandidate(row.get("token_id", Long.class), row.get("spent_at", Instant.class),
                    row.get("spent_by_ip", String.class), row.get("spent_by_user_agent", String.class),
                    row.get("successor_ciphertext", byte[].class), toSession(row), row.get("email", String.class),
                    roles(row)))
            .one();
    }

    /**
     * Spends a locked token, keeps its successor's ciphertext for the grace window, adds
     * the successor and slides the session's idle expiry: one statement.
     */
    Mono<Void> rotate(long spentId, UUID sessionId, byte[] successorHash, byte[] successorCiphertext, ClientInfo client,
            Instant now, Instant idleExpiresAt) {
        GenericExecuteSpec rotate = this.database.sql("""
                WITH spent AS (UPDATE refresh_tokens SET spent_at = :now, spent_by_ip = :ip,
                spent_by_user_agent = :userAgent, successor_ciphertext = :successor WHERE id = :spentId),
                used AS (UPDATE sessions SET last_used_at = :now, idle_expires_at = :idle WHERE id = :sessionId)
                INSERT INTO refresh_tokens (session_id, token_hash, parent_id, created_at)
                VALUES (:sessionId, :hash, :spentId, :now)""")
            .bind("now", now)
            .bind("ip", client.ip())
            .bind("successor", successorCiphertext)
            .bind("spentId", spentId)
            .bind("sessionId", sessionId)
            .bind("idle", idleExpiresAt)
            .bind("hash", successorHash);
        return bindNullable(rotate, "userAgent", client.userAgent()).fetch().rowsUpdated().then();
    }

    /**
     * Records a use of a session without a rotation (a replay within the grace window).
     */
    Mono<Void> markUsed(UUID sessionId, Instant now, Instant idleExpiresAt) {
        return this.database.sql("""
                UPDATE sessions SET last_used_at = :now, idle_expires_at = :idle WHERE id = :id
                AND last_used_at < :now""")
            .bind("id", sessionId)
            .bind("now", now)
            .bind("idle", idleExpiresAt)
            .fetch()
            .rowsUpdated()
            .then();
    }

    /**
     * The session a refresh token belongs to, if the token is the session's live one
     * (unspent) and the session has not been revoked.
     */
    Mono<Session> findByLiveToken(byte[] tokenHash) {
        return this.database.sql("""
                SELECT s.id, s.user_id, s.created_at, s.last_used_at, s.idle_expires_at, s.absolute_expires_at,
                s.ip, s.user_agent, s.revoked_at FROM refresh_tokens rt JOIN sessions s ON s.id = rt.session_id
                WHERE rt.token_hash = :hash AND rt.spent_at IS NULL AND s.revoked_at IS NULL""")
            .bind("hash", tokenHash)
            .map(SessionRepository::toSession)
            .one();
    }

    /**
     * Ends one session of a user, if it is live.
     * @return the session's id, or empty when there was no such live session
     */
    Mono<UUID> revoke(UUID sessionId, UUID userId, String reason, Instant now) {
        return this.database
            .sql("UPDATE sessions SET revoked_at = :now, revoked_reason = :reason WHERE id = :id AND user_id = :userId"
                    + " AND " + LIVE + " RETURNING id")
            .bind("id", sessionId)
            .bind("userId", userId)
            .bind("reason", reason)
            .bind("now", now)
            .map((row) -> row.get("id", UUID.class))
            .one();
    }

    /**
     * Ends a user's sessions that are not revoked yet and may still have access tokens in
     * use (expired since {@code relevantSince} or later), in id order.
     * @param except a session to keep, or {@code null}
     * @return the ids of the sessions that ended
     */
    Mono<List<UUID>> revokeAll(UUID userId, @Nullable UUID except, String reason, Instant now, Instant relevantSince) {
        GenericExecuteSpec revoke = this.database.sql("""
                UPDATE sessions SET revoked_at = :now, revoked_reason = :reason WHERE id IN (SELECT id FROM sessions
                WHERE user_id = :userId AND revoked_at IS NULL AND (CAST(:except AS uuid) IS NULL OR id <> :except)
                AND LEAST(idle_expires_at, absolute_expires_at) > :since ORDER BY id FOR UPDATE) RETURNING id""")
            .bind("userId", userId)
            .bind("reason", reason)
            .bind("now", now)
            .bind("since", relevantSince);
        revoke = (except != null) ? revoke.bind("except", except) : revoke.bindNull("except", UUID.class);
        return revoke.map((row) -> row.get("id", UUID.class)).all().collectList();
    }

    /**
     * Ends a session whatever its state, for a detected reuse (its rows are already
     * locked).
     */
    Mono<Void> revokeForReuse(UUID sessionId, String reason, Instant now) {
        return this.database.sql("""
                UPDATE sessions SET revoked_at = :now, revoked_reason = :reason WHERE id = :id
                AND revoked_at IS NULL""")
            .bind("id", sessionId)
            .bind("reason", reason)
            .bind("now", now)
            .fetch()
            .rowsUpdated()
            .then();
    }

    /**
     * Forgets successors whose grace window has passed (contract: kept for the window
     * only). Rows another transaction holds are skipped, to be taken next time.
     * @return how many were cleared
     */
    Mono<Long> clearSuccessorsSpentBefore(Instant before) {
        return this.database.sql("""
                UPDATE refresh_tokens SET successor_ciphertext = NULL WHERE id IN (SELECT id FROM refresh_tokens
                WHERE successor_ciphertext IS NOT NULL AND spent_at < :before LIMIT 10000
                FOR UPDATE SKIP LOCKED)""").bind("before", before).fetch().rowsUpdated();
    }

    private static GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, @Nullable String value) {
        return (value != null) ? spec.bind(name, value) : spec.bindNull(name, String.class);
    }

    private static List<String> roles(Readable row) {
        String[] roles = row.get("roles", String[].class);
        return (roles != null) ? Arrays.asList(roles) : List.of("user");
    }

    private static Session toSession(Readable row) {
        return new Session(row.get("id", UUID.class), row.get("user_id", UUID.class),
                row.get("created_at", Instant.class), row.get("last_used_at", Instant.class),
                row.get("idle_expires_at", Instant.class), row.get("absolute_expires_at", Instant.class),
                row.get("ip", String.class), row.get("user_agent", String.class), row.get("revoked_at", Instant.class));
    }

}
