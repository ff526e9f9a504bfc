package dev.edgeauth.auth;

import java.time.Duration;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Test fixture: waits, deterministically instead of by a sleep, until PostgreSQL shows a
 * backend waiting for a lock, so a race test knows the request it started has reached the
 * lock its other party holds.
 */
public final class LockWaits {

    private static final Duration POLL = Duration.ofMillis(50);

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private LockWaits() {
    }

    /** Completes once a backend waits for a row lock (a transaction id or a tuple). */
    public static Mono<Long> rowLock(DatabaseClient database) {
        return waiting(database, "wait_event IN ('transactionid', 'tuple')");
    }

    /** Completes once a backend waits for an advisory lock. */
    public static Mono<Long> advisoryLock(DatabaseClient database) {
        return waiting(database, "wait_event = 'advisory'");
    }

    private static Mono<Long> waiting(DatabaseClient database, String event) {
        return Flux.interval(POLL)
            .onBackpressureDrop()
            .concatMap((tick) -> database
                .sql("SELECT count(*) AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND " + event)
                .map((row) -> row.get("waiting", Long.class))
                .one())
            .filter((waiting) -> waiting > 0)
            .next()
            .timeout(TIMEOUT);
    }

}
