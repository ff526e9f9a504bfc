package dev.edgeauth.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.edgeauth.common.logging.DecisionLog;
import dev.edgeauth.gateway.security.JwksClient.JwksDocument;
import dev.edgeauth.token.InvalidAccessTokenException;
import dev.edgeauth.token.InvalidAccessTokenException.Reason;
import dev.edgeauth.token.TokenVerificationKey;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The auth-service's verification keys, cached.
 *
 * <ul>
 * <li>A fetched set is fresh for its {@code max-age} (bounded by the configured minimum
 * and maximum, the default when absent); a use within {@code refresh-ahead} of the end
 * starts one background refresh, so requests never wait for a routine refresh.</li>
 * <li>An unknown {@code kid} may cause a fetch, but at most one per
 * {@code unknown-kid-refetch-interval} (a flood of random kids is not a flood of
 * fetches), and a kid that a fetch did not contain is refused without asking again for
 * {@code unknown-kid-memory}.</li>
 * <li>A failed fetch never drops keys: verification goes on with the cached set while the
 * auth-service is down. Keys disappear only when a successful fetch no longer lists
 * them.</li>
 * <li>Nothing is fetched at start-up as a requirement: an empty cache fills on first
 * use.</li>
 * </ul>
 * All fetches are single-flight: concurrent callers share one request.
 */
final class JwksCache {

    private static final DecisionLog decisions = DecisionLog.of(JwksCache.class);

    /** Bound on remembered unknown kids; beyond it the memory is cleared, not grown. */
    private static final int MAX_REMEMBERED_UNKNOWN_KIDS = 10_000;

    private final JwksClient client;

    private final JwksProperties properties;

    private final Clock clock;

    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(Snapshot.EMPTY);

    private final AtomicReference<@Nullable Mono<Snapshot>> inFlight = new AtomicReference<>();

    private final AtomicReference<Instant> nextUnknownKidFetch = new AtomicReference<>(Instant.MIN);

    private final Map<String, Instant> unknownKids = new ConcurrentHashMap<>();

    private final AtomicLong withdrawals = new AtomicLong();

    JwksCache(JwksClient client, JwksProperties properties, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The key with this id.
     * @param kid a well-formed key id
     * @return the key, or an {@link InvalidAccessTokenException} ({@code unknown_kid}, or
     * {@code jwks_unavailable} when the set could not be fetched to look for it)
     */
    Mono<TokenVerificationKey> key(String kid) {
        Instant now = this.clock.instant();
        Snapshot current = this.snapshot.get();
        TokenVerificationKey key = current.keys().get(kid);
        if (key != null) {
            if (!now.isBefore(current.refreshAt())) {
                refreshInBackground();
            }
            return Mono.just(key);
        }
        Instant rememberedUntil = this.unknownKids.get(kid);
        if (rememberedUntil != null && now.isBefore(rememberedUntil)) {
            return Mono.error(new InvalidAccessTokenException(Reason.UNKNOWN_KID));
        }
        Mono<Snapshot> fetching = fetchOrJoin(now);
        if (fetching == null) {
            // No fetch running and none allowed yet; one may have finished since
            // `current`
            // was read, so the newest set decides. Nothing fetched for this kid: it is
            // not
            // remembered as unknown.
            TokenVerificationKey newest = this.snapshot.get().keys().get(kid);
            return (newest != null) ? Mono.just(newest)
                    : Mono.error(new InvalidAccessTokenException(Reason.UNKNOWN_KID));
        }
        return fetching
            .onErrorMap((ex) -> !(ex instanceof InvalidAccessTokenException),
                    (ex) -> new InvalidAccessTokenException(Reason.KEY_SET_UNAVAILABLE))
            .flatMap((fetched) -> lookUpAfterFetch(fetched, kid));
    }

    /**
     * A number that changes whenever a fetch withdraws a key (a kid no longer listed, or
     * listed with other key material): what was verified with the set before may no
     * longer be trusted (the verified-token cache compares it).
     */
    long withdrawals() {
        return this.withdrawals.get();
    }

    /** Starts a fetch now unless one is running; failures are only logged. */
    synchronized void refreshInBackground() {
        if (this.inFlight.get() == null) {
            fetch().subscribe((ignored) -> {
            }, (ex) -> {
            });
        }
    }

    /** How many keys the cached key set holds (0 before the first fetch answered). */
    int keyCount() {
        return this.snapshot.get().keys().size();
    }

    private Mono<TokenVerificationKey> lookUpAfterFetch(Snapshot fetched, String kid) {
        TokenVerificationKey key = fetched.keys().get(kid);
        if (key != null) {
            return Mono.just(key);
        }
        rememberUnknown(kid);
        return Mono.error(new InvalidAccessTokenException(Reason.UNKNOWN_KID));
    }

    // The running fetch, or a new one when the unknown-kid interval allows it, or null.
    // One decision at a time: a caller that finds no permit has either joined the fetch
    // that took it or comes after that fetch installed its set.
    private synchronized @Nullable Mono<Snapshot> fetchOrJoin(Instant now) {
        Mono<Snapshot> running = this.inFlight.get();
        if (running != null) {
            return running;
        }
        return takeUnknownKidFetchPermit(now) ? fetch() : null;
    }

    private boolean takeUnknownKidFetchPermit(Instant now) {
        Instant allowedFrom = this.nextUnknownKidFetch.get();
        return !now.isBefore(allowedFrom) && this.nextUnknownKidFetch.compareAndSet(allowedFrom,
                now.plus(this.properties.unknownKidRefetchInterval()));
    }

    private void rememberUnknown(String kid) {
        if (this.unknownKids.size() >= MAX_REMEMBERED_UNKNOWN_KIDS) {
            this.unknownKids.clear();
        }
        this.unknownKids.put(kid, this.clock.instant().plus(this.properties.unknownKidMemory()));
    }

    // Called with this cache's lock held, and no fetch running (fetchOrJoin,
    // refreshInBackground): only a fetch's own end clears inFlight.
    private Mono<Snapshot> fetch() {
        Sinks.One<Snapshot> sink = Sinks.one();
        Mono<Snapshot> shared = sink.asMono();
        this.inFlight.set(shared);
        // Subscribed here, not by the caller: a caller that goes away (client closed the
        // connection) must not cancel the fetch that the others wait for.
        this.client.fetch().subscribe((document) -> {
            Snapshot installed = install(document);
            this.inFlight.set(null);
            sink.tryEmitValue(installed);
        }, (ex) -> {
            postpone();
            this.inFlight.set(null);
            decisions.warn("jwks_fetch_failed", "uri", this.client.uri(), "cause", describe(ex), "cached_keys",
                    this.snapshot.get().keys().size());
            sink.tryEmitError(ex);
        });
        return shared;
    }

    private Snapshot install(JwksDocument document) {
        Instant now = this.clock.instant();
        Duration ttl = ttl(document.maxAge());
        Duration ahead = min(this.properties.refreshAhead(), ttl.dividedBy(2));
        Snapshot installed = new Snapshot(document.keys(), now.plus(ttl).minus(ahead));
        Snapshot previous = this.snapshot.getAndSet(installed);
        if (withdrawsAny(previous.keys(), document.keys())) {
            this.withdrawals.incrementAndGet();
        }
        // A kid that was unknown may exist now.
        this.unknownKids.keySet().removeIf(document.keys()::containsKey);
        decisions.info("jwks_fetched", "keys", document.keys().size(), "ttl", ttl);
        return installed;
    }

    // After a failed fetch the next background refresh waits, so an auth-service outage
    // is not hammered by every request.
    private void postpone() {
        Instant retryAt = this.clock.instant().plus(this.properties.unknownKidRefetchInterval());
        this.snapshot.updateAndGet((current) -> new Snapshot(current.keys(), retryAt));
    }

    private static boolean withdrawsAny(Map<String, TokenVerificationKey> before,
            Map<String, TokenVerificationKey> after) {
        for (Map.Entry<String, TokenVerificationKey> key : before.entrySet()) {
            TokenVerificationKey now = after.get(key.getKey());
            if (now == null || !Arrays.equals(now.encoded(), key.getValue().encoded())) {
                return true;
            }
        }
        return false;
    }

    private Duration ttl(@Nullable Duration maxAge) {
        if (maxAge == null) {
            return this.properties.defaultTtl();
        }
        return min(this.properties.maxTtl(), max(this.properties.minTtl(), maxAge));
    }

    private static Duration min(Duration a, Duration b) {
        return (a.compareTo(b) <= 0) ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return (a.compareTo(b) >= 0) ? a : b;
    }

    private static String describe(Throwable ex) {
        return (ex instanceof JwksClient.JwksFetchException) ? ex.getMessage() : ex.getClass().getSimpleName();
    }

    /**
     * The keys of the last successful fetch and when a use should start a refresh.
     */
    private record Snapshot(Map<String, TokenVerificationKey> keys, Instant refreshAt) {

        static final Snapshot EMPTY = new Snapshot(Map.of(), Instant.MIN);

    }

}
