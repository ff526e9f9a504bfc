package dev.edgeauth.auth.revocation;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.edgeauth.common.logging.DecisionLog;
import dev.edgeauth.token.revocation.RevocationFeedItem;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows the {@code revocations} table for the feed's readers.
 *
 * <p>
 * Every instance {@code LISTEN}s on one dedicated connection (outside the pool) to the
 * notification the table's trigger sends at each commit, whichever instance wrote it, and
 * turns it into a wake-up; each reader then reads the table itself after its own last
 * {@code seq}. Readers never get items from memory, so a slow reader cannot lose one: at
 * worst its wake-ups merge into one read. A wake-up every second besides covers the time
 * the listening connection needs to come back after a database restart. Old revocations
 * are pruned by {@link RevocationPruning}.
 *
 * <p>
 * A read that fails (the database is down) leaves the stream open: the next wake-up reads
 * again from the same {@code seq}, so a reader misses nothing and need not reconnect when
 * the database returns. Every stream ends when the service stops, so a graceful shutdown
 * does not wait for readers that would never finish on their own.
 */
@Component
public class RevocationFeed implements SmartLifecycle {

    /** The notification channel of the {@code revocations} trigger (V4 migration). */
    static final String CHANNEL = "edgeauth_revocations";

    /** At most this many items in a page or in one read of a stream. */
    static final int PAGE_SIZE = 1000;

    private static final Duration SAFETY_WAKE_UP = Duration.ofSeconds(1);

    private static final DecisionLog decisions = DecisionLog.of(RevocationFeed.class);

    private final RevocationLog log;

    private final ConnectionFactory connections;

    private final String schema;

    // Wake-ups carry no data; each reader conflates them (onBackpressureLatest), so none
    // is ever dropped unseen.
    private final Sinks.Many<Long> wakeUps = Sinks.many().multicast().directBestEffort();

    private final AtomicLong notifications = new AtomicLong();

    private @Nullable Disposable running;

    private volatile Sinks.Empty<Void> stopping = Sinks.empty();

    RevocationFeed(RevocationLog log, ConnectionFactory connections,
            @Value("${edgeauth.database.schema}") String schema) {
        this.log = log;
        this.connections = connections;
        this.schema = schema;
    }

    /**
     * One page of the feed.
     * @param after the reader's last {@code seq}
     * @return up to {@value #PAGE_SIZE} items after it, in order
     */
    public Mono<List<RevocationFeedItem>> page(long after) {
        return this.log.after(after, PAGE_SIZE).collectList();
    }

    /**
     * The feed from a {@code seq} on, until the service stops: first everything already
     * committed, then each revocation within moments of its commit.
     * @param after the reader's last {@code seq}
     * @return the items, in {@code seq} order
     */
    public Flux<RevocationFeedItem> follow(long after) {
        AtomicLong last = new AtomicLong(after);
        AtomicBoolean failing = new AtomicBoolean();
        // concat subscribes to the wake-ups right after the first read is requested, so a
        // commit during that read wakes another one.
        return Flux.concat(Mono.just(0L), this.wakeUps.asFlux().onBackpressureLatest())
            .concatMap((wakeUp) -> readFrom(last).doOnComplete(() -> recovered(failing, last))
                .onErrorResume((ex) -> failed(failing, last, ex)), 1)
            .takeUntilOther(stopped());
    }

    /**
     * Completes when the service stops.
     * @return a signal for streams to end with
     */
    public Mono<Void> stopped() {
        return this.stopping.asMono();
    }

    /** Notifications received so far (for tests and metrics). */
    long notifications() {
        return this.notifications.get();
    }

    private Flux<RevocationFeedItem> readFrom(AtomicLong last) {
        return this.log.after(last.get(), PAGE_SIZE).collectList().flatMapMany((page) -> {
            if (page.isEmpty()) {
                return Flux.empty();
            }
            last.set(page.get(page.size() - 1).seq());
            Flux<RevocationFeedItem> items = Flux.fromIterable(page);
            return (page.size() < PAGE_SIZE) ? items : items.concatWith(Flux.defer(() -> readFrom(last)));
        });
    }

    // One line per stream and outage, not one per wake-up.
    private static Flux<RevocationFeedItem> failed(AtomicBoolean failing, AtomicLong last, Throwable ex) {
        if (failing.compareAndSet(false, true)) {
            decisions.warn("revocation_read_failed", "after", last.get(), "cause", ex.getClass().getSimpleName());
        }
        return Flux.empty();
    }

    private static void recovered(AtomicBoolean failing, AtomicLong last) {
        if (failing.compareAndSet(true, false)) {
            decisions.info("revocation_read_recovered", "after", last.get());
        }
    }

    @Override
    public synchronized void start() {
        this.stopping = Sinks.empty();
        Flux<Long> notified = listen().doOnNext((n) -> this.notifications.incrementAndGet())
            .map((n) -> this.notifications.get());
        Flux<Long> safety = Flux.interval(SAFETY_WAKE_UP, SAFETY_WAKE_UP).onBackpressureDrop();
        this.running = Flux.merge(notified, safety).subscribe((tick) -> this.wakeUps.tryEmitNext(tick));
    }

    // LISTEN on a connection of its own (a pooled one would be held forever); reconnects
    // with back-off when the database goes away.
    private Flux<Object> listen() {
        ConnectionFactory factory = unpooled(this.connections);
        return Flux
            .usingWhen(factory.create(), (connection) -> notificationsOf(connection), Connection::close,
                    (connection, ex) -> connection.close(), Connection::close)
            .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                .maxBackoff(Duration.ofSeconds(5))
                .doBeforeRetry((signal) -> decisions.warn("revocation_listen_lost", "cause",
                        signal.failure().getClass().getSimpleName(), "retry", signal.totalRetries())))
            .repeatWhen((completed) -> completed.delayElements(Duration.ofMillis(200)));
    }

    private Flux<Object> notificationsOf(Connection connection) {
        if (!(connection instanceof PostgresqlConnection postgres)) {
            decisions.warn("revocation_listen_unsupported", "fallback", "polling_every_second");
            return Flux.never();
        }
        return postgres.createStatement("LISTEN " + CHANNEL)
            .execute()
            .flatMap((result) -> result.getRowsUpdated())
            .then()
            .doOnSuccess((done) -> decisions.debug("revocation_listen_open"))
            .thenMany(postgres.getNotifications())
            .filter((notification) -> this.schema.equals(notification.getParameter()))
            .map((notification) -> notification);
    }

    private static ConnectionFactory unpooled(ConnectionFactory factory) {
        ConnectionFactory current = factory;
        while (current instanceof Wrapped<?> wrapped && wrapped.unwrap() instanceof ConnectionFactory inner) {
            current = inner;
        }
        return current;
    }

    @Override
    public synchronized void stop() {
        this.stopping.tryEmitEmpty();
        if (this.running != null) {
            this.running.dispose();
            this.running = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return this.running != null;
    }

}
