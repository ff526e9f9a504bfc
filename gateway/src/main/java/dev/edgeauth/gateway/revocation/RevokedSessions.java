package dev.edgeauth.gateway.revocation;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The session ids whose access tokens are refused, each kept until its
 * {@code forget_after} (by then every token of the session has expired).
 *
 * <p>
 * Memory is bounded twice: expired entries are purged as the feed delivers, and beyond
 * {@code maxEntries} the entries closest to their {@code forget_after} are dropped first
 * (their tokens expire soonest), with a warning. A lookup is one hash-map read.
 */
public final class RevokedSessions {

    private static final Log logger = LogFactory.getLog(RevokedSessions.class);

    private static final long PURGE_EVERY_MILLIS = 30_000;

    private final Map<String, Instant> forgetAfterBySession = new ConcurrentHashMap<>();

    private final Clock clock;

    private final int maxEntries;

    private volatile Instant nextPurge = Instant.MIN;

    public RevokedSessions(Clock clock, int maxEntries) {
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    /**
     * Whether tokens of this session are refused. An entry past its {@code forget_after}
     * may still answer {@code true} until purged: its tokens are expired anyway.
     */
    public boolean isRevoked(String sessionId) {
        return this.forgetAfterBySession.containsKey(sessionId);
    }

    /** Records a revocation; one already past its {@code forget_after} is ignored. */
    void revoke(String sessionId, Instant forgetAfter) {
        Instant now = this.clock.instant();
        if (forgetAfter.isAfter(now)) {
            this.forgetAfterBySession.merge(sessionId, forgetAfter, (a, b) -> a.isAfter(b) ? a : b);
        }
        if (!now.isBefore(this.nextPurge) || this.forgetAfterBySession.size() > this.maxEntries) {
            purge(now);
        }
    }

    int size() {
        return this.forgetAfterBySession.size();
    }

    private void purge(Instant now) {
        this.nextPurge = now.plusMillis(PURGE_EVERY_MILLIS);
        this.forgetAfterBySession.values().removeIf((forgetAfter) -> !forgetAfter.isAfter(now));
        int excess = this.forgetAfterBySession.size() - this.maxEntries;
        if (excess > 0) {
            // Fail towards availability with a loud log: the alternative, refusing every
            // token, would let a burst of logouts take the whole edge down.
            logger.warn("reason_id=revocations_over_capacity max_entries=" + this.maxEntries + " dropped=" + excess);
            this.forgetAfterBySession.entrySet()
                .stream()
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .limit(excess)
                .map(Map.Entry::getKey)
                .toList()
                .forEach(this.forgetAfterBySession::remove);
        }
    }

}
