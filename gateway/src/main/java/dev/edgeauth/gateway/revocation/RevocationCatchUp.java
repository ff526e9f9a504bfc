package dev.edgeauth.gateway.revocation;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.edgeauth.common.logging.DecisionLog;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * Whether the gateway has read the revocation feed up to date, and so whether it is ready
 * (specs/gateway.md, "Readiness").
 *
 * <p>
 * Up to date: a poll {@code after=<seq>} was answered with no item after that
 * {@code seq}, and nothing was applied in the meantime. {@code seq} is commit order, so
 * at that answer every revocation committed was applied. The stream cannot tell it: its
 * heartbeats carry no position, and the auth-service may send one before the backlog.
 *
 * <p>
 * A catch-up begins at start, and again when the feed answers after a silence longer than
 * the access-token lifetime; it ends at the first read up to date. Meanwhile the gateway
 * is not ready, until {@code ready-timeout} runs out: then it is ready anyway and logs it
 * once, and {@link #caughtUp()} stays false until the catch-up ends.
 */
final class RevocationCatchUp {

    private static final DecisionLog decisions = DecisionLog.of(RevocationCatchUp.class);

    private final Duration readyTimeout;

    private final long outageNanos;

    // System.nanoTime() of the feed's last answer (of the start before the first one).
    private final AtomicLong lastAnswer = new AtomicLong(System.nanoTime());

    private volatile boolean caughtUp;

    private volatile boolean timedOut;

    // The rest is guarded by this.

    private long episode;

    private long began;

    private String cause = "start";

    private @Nullable Disposable timer;

    /**
     * @param readyTimeout how long a catch-up may keep the gateway unready
     * @param accessTokenLifetime a feed silent for longer needs a catch-up when it
     * answers
     */
    RevocationCatchUp(Duration readyTimeout, Duration accessTokenLifetime) {
        this.readyTimeout = readyTimeout;
        this.outageNanos = accessTokenLifetime.toNanos();
    }

    /** Begins the catch-up of a start. */
    void start() {
        this.lastAnswer.set(System.nanoTime());
        begin("start");
    }

    synchronized void stop() {
        disposeTimer();
    }

    /**
     * The feed answered: a stream event (a heartbeat counts) or a poll. After a silence
     * longer than the access-token lifetime a catch-up begins: every access token in use
     * then was issued while the gateway heard nothing, so none of their revocations is
     * known, as at a start.
     */
    void answered() {
        long now = System.nanoTime();
        long silence = now - this.lastAnswer.getAndSet(now);
        if (silence > this.outageNanos) {
            decisions.info("revocation_catch_up_required", "cause", "outage", "silent_for", Duration.ofNanos(silence));
            begin("outage");
        }
    }

    /**
     * A poll from {@code seq} found nothing after it: every revocation committed before
     * that answer is applied.
     * @param lastSeq the last {@code seq} applied
     */
    synchronized void readUpToDate(long lastSeq) {
        if (this.caughtUp) {
            return;
        }
        this.caughtUp = true;
        disposeTimer();
        decisions.info("revocation_caught_up", "after", this.cause, "last_seq", lastSeq, "waited_ms",
                Duration.ofNanos(System.nanoTime() - this.began).toMillis());
    }

    /** Whether the feed has been read up to date since the last start or long outage. */
    boolean caughtUp() {
        return this.caughtUp;
    }

    /** Whether the gateway is ready: caught up, or {@code ready-timeout} ran out. */
    boolean ready() {
        return this.caughtUp || this.timedOut;
    }

    /** How long the feed has not answered (since the start if it never has). */
    Duration silence() {
        return Duration.ofNanos(System.nanoTime() - this.lastAnswer.get());
    }

    private synchronized void begin(String cause) {
        this.caughtUp = false;
        this.timedOut = false;
        this.cause = cause;
        this.began = System.nanoTime();
        long current = ++this.episode;
        disposeTimer();
        this.timer = Mono.delay(this.readyTimeout).subscribe((tick) -> readyTimeoutRanOut(current));
    }

    private synchronized void readyTimeoutRanOut(long ofEpisode) {
        // A timer of an episode that ended is void, even one that fired while the next
        // began.
        if (this.caughtUp || ofEpisode != this.episode) {
            return;
        }
        this.timedOut = true;
        // Fail towards availability, loudly: a gateway that waited for a feed that does
        // not
        // answer would keep the whole edge down with the auth-service. Until the catch-up
        // ends, tokens of sessions revoked before it may pass (caught_up stays 0).
        decisions.warn("revocation_ready_timeout", "after", this.cause, "ready_timeout", this.readyTimeout, "action",
                "ready_without_revocations");
    }

    private void disposeTimer() {
        Disposable running = this.timer;
        if (running != null) {
            running.dispose();
        }
        this.timer = null;
    }

}
