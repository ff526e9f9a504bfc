package dev.edgeauth.auth.revocation;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

import dev.edgeauth.token.TokenProperties;
import dev.edgeauth.token.revocation.RevocationFeedItem;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.util.Assert;

/**
 * The {@code revocations} table. Writers join the caller's transaction (the one that ends
 * the sessions), so a revocation is in the feed exactly when the session end commits.
 *
 * <p>
 * {@code seq} order is commit order: a writer takes the feed's transaction-scoped
 * advisory lock before it draws its numbers and keeps it until it commits or rolls back,
 * so no transaction can draw a higher {@code seq} and commit while a lower one is still
 * uncommitted. Without that, a reader that saw {@code seq} 6 and asks "after 6" would
 * never see a 5 that commits a moment later.
 */
@Repository
public class RevocationLog {

    // Per schema: services (and test classes) sharing a server never wait for each other.
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.revocations'))";

    private final DatabaseClient database;

    private final TokenProperties tokens;

    public RevocationLog(DatabaseClient database, TokenProperties tokens) {
        Assert.notNull(database, "database cannot be null");
        Assert.notNull(tokens, "tokens cannot be null");
        this.database = database;
        this.tokens = tokens;
    }

    /**
     * Records ended sessions, in the caller's transaction. Call it after the sessions'
     * rows are updated (locked): the feed's lock is always taken last, so it never closes
     * a deadlock cycle with row locks.
     * @param sessionIds the sessions that ended
     * @param reason why
     * @param revokedAt when
     * @return completion
     */
    public Mono<Void> record(Collection<UUID> sessionIds, RevocationReason reason, Instant revokedAt) {
        if (sessionIds.isEmpty()) {
            return Mono.empty();
        }
        String[] ids = sessionIds.stream().map(UUID::toString).toArray(String[]::new);
        // The contract: revocation time + access-token lifetime + clock skew.
        Instant forgetAfter = revokedAt.plus(this.tokens.retention());
        return this.database.sql(LOCK)
            .fetch()
            .rowsUpdated()
            .then(this.database.sql("""
                    INSERT INTO revocations (seq, session_id, reason, revoked_at, forget_after)
                    SELECT nextval('revocations_seq'), id, :reason, :revokedAt, :forgetAfter
                    FROM unnest(CAST(:ids AS uuid[])) AS id""")
                .bind("reason", reason.value())
                .bind("revokedAt", revokedAt)
                .bind("forgetAfter", forgetAfter)
                .bind("ids", ids)
                .fetch()
                .rowsUpdated())
            .then();
    }

    /**
     * Revocations after a {@code seq}, in order.
     * @param after the last {@code seq} the reader has
     * @param limit at most this many
     * @return the items
     */
    Flux<RevocationFeedItem> after(long after, int limit) {
        return this.database.sql("""
                SELECT seq, session_id, forget_after, reason FROM revocations WHERE seq > :after ORDER BY seq
                LIMIT :limit""")
            .bind("after", after)
            .bind("limit", limit)
            .map((row) -> new RevocationFeedItem(row.get("seq", Long.class), row.get("session_id", UUID.class),
                    row.get("forget_after", Instant.class), row.get("reason", String.class)))
            .all();
    }

    /** Deletes revocations no access token can outlive any more. */
    Mono<Long> prune(Instant now) {
        return this.database.sql("DELETE FROM revocations WHERE forget_after < :now")
            .bind("now", now)
            .fetch()
            .rowsUpdated();
    }

}
