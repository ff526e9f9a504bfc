package dev.edgeauth.gateway.revocation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.edgeauth.common.logging.DecisionLog;

/**
 * The session ids whose access tokens are refused, each kept until its
 * {@code forget_after} (by then every token of the session has expired).
 *
 * <p>
 * A lookup is one hash-map read. Memory is bounded by {@code maxEntries}: entries are
 * also kept in a queue in the order the feed delivers them, which is {@code forget_after}
 * order (each is its revocation time plus one fixed retention) up to the auth-service
 * instances' clock differences. Expired entries leave from the head as the feed delivers;
 * beyond {@code maxEntries} the head's entries (the nearest {@code forget_after}: their
 * tokens expire soonest) are evicted. Both are amortised O(1) per revocation, with no
 * sort and no scan; evictions are counted ({@link #evicted()}) and logged once per
 * overflow episode. Only the feed client calls {@link #revoke}, one revocation at a time.
 */
public final class RevokedSessions {

    private static final DecisionLog decisions = DecisionLog.of(RevokedSessions.class);

    private final Map<String, Instant> forgetAfterBySession = new ConcurrentHashMap<>();

    private final Deque<Entry> arrivals = new ArrayDeque<>();

    private final Clock clock;

    private final int maxEntries;

    private final AtomicLong evicted = new AtomicLong();

    private boolean overflowing;

    public RevokedSessions(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    /**
     * Whether tokens of this session are refused. An entry past its {@code forget_after}
     * may still answer {@code true} until it leaves: its tokens are expired anyway.
     */
    public boolean isRevoked(String sessionId) {
        return this.forgetAfterBySession.containsKey(sessionId);
    }

    /** Records a revocation; one already past its {@code forget_after} is ignored. */
    synchronized void revoke(String sessionId, Instant forgetAfter) {
        Instant now = this.clock.instant();
        dropExpired(now);
        if (!forgetAfter.isAfter(now)) {
            return;
        }
        Instant kept = this.forgetAfterBySession.merge(sessionId, forgetAfter, (a, b) -> a.isAfter(b) ? a : b);
        if (kept.equals(forgetAfter)) {
            this.arrivals.addLast(new Entry(sessionId, forgetAfter));
        }
        evictOverCapacity();
    }

    int size() {
        return this.forgetAfterBySession.size();
    }

    /** Revocations dropped to stay within {@code maxEntries} since start. */
    long evicted() {
        return this.evicted.get();
    }

    private void dropExpired(Instant now) {
        Entry head = this.arrivals.peekFirst();
        while (head != null && !head.forgetAfter().isAfter(now)) {
            this.arrivals.removeFirst();
            this.forgetAfterBySession.remove(head.sessionId(), head.forgetAfter());
            head = this.arrivals.peekFirst();
        }
    }

    private void evictOverCapacity() {
        if (this.forgetAfterBySession.size() <= this.maxEntries) {
            this.overflowing = false;
            return;
        }
        long dropped = 0;
        while (this.forgetAfterBySession.size() > this.maxEntries) {
            Entry head = this.arrivals.removeFirst();
            // An entry a later revocation of the same session superseded is not in the
            // map.
            if (this.forgetAfterBySession.remove(head.sessionId(), head.forgetAfter())) {
                dropped++;
            }
        }
        this.evicted.addAndGet(dropped);
        if (!this.overflowing) {
            this.overflowing = true;
            // Fail towards availability with a loud log: the alternative, refusing every
            // token, would let a burst of logouts take the whole edge down.
            decisions.warn("revocations_over_capacity", "max_entries", this.maxEntries, "action",
                    "evicting_nearest_forget_after");
        }
    }

    private record Entry(String sessionId, Instant forgetAfter) {

    }

}
