package dev.edgeauth.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;

import dev.edgeauth.gateway.routing.RateLimitPolicy;

/**
 * Fixed windows in this gateway's memory: one resilience4j {@link AtomicRateLimiter} per
 * policy and key, whose cycles are the windows (the first starts with the key's first
 * request, as a Redis window starts with its first {@code INCR}).
 *
 * <p>
 * Memory is bounded twice: a key idle for longer than its period is dropped (its window
 * is over, so nothing is lost), and beyond {@code maxKeys} the least recently used keys
 * are dropped first. Under that pressure a dropped client starts a fresh window early: a
 * flood of a million source addresses must not grow the heap without limit, and refusing
 * everyone instead would let that flood take the edge down.
 */
final class LocalRateLimiter {

    private final Cache<String, Window> windows;

    private final LongSupplier nanoTime;

    // A key idle for a period starts a new window, often: each policy's limiter
    // configuration is built once.
    private final Map<RateLimitPolicy, RateLimiterConfig> configs = new ConcurrentHashMap<>();

    /**
     * @param maxKeys bound on the number of windows kept
     * @param nanoTime the time source of the windows ({@code System::nanoTime}; a test
     * clock in tests)
     */
    LocalRateLimiter(long maxKeys, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.windows = Caffeine.newBuilder()
            .maximumSize(maxKeys)
            .ticker(nanoTime::getAsLong)
            .expireAfter(new IdleForPeriod())
            // Clean-up on the calling thread: no fork-join pool tasks per request.
            .executor(Runnable::run)
            .build();
    }

    RateLimitDecision decide(RateLimitPolicy policy, String key) {
        String windowKey = policy.name() + ' ' + key;
        Window window = this.windows.get(windowKey, (k) -> new Window(policy, config(policy), this.nanoTime));
        if (!window.policy.equals(policy)) {
            // The routes file changed this policy: its windows start again.
            window = new Window(policy, config(policy), this.nanoTime);
            this.windows.put(windowKey, window);
        }
        return window.decide();
    }

    private RateLimiterConfig config(RateLimitPolicy policy) {
        return this.configs.computeIfAbsent(policy,
                (p) -> RateLimiterConfig.custom()
                    .limitForPeriod((int) Math.min(Integer.MAX_VALUE, p.limit()))
                    .limitRefreshPeriod(p.period())
                    // Never wait for a permission: a refused request is answered 429 at
                    // once.
                    .timeoutDuration(Duration.ZERO)
                    .build());
    }

    long size() {
        this.windows.cleanUp();
        return this.windows.estimatedSize();
    }

    private static final class Window {

        private final RateLimitPolicy policy;

        private final AtomicRateLimiter limiter;

        private final long periodNanos;

        // The limiter's start too (StartingAt): the reset time is the limiter's.
        private final long start;

        private final LongSupplier nanoTime;

        Window(RateLimitPolicy policy, RateLimiterConfig config, LongSupplier nanoTime) {
            this.policy = policy;
            this.nanoTime = nanoTime;
            this.periodNanos = policy.period().toNanos();
            this.start = nanoTime.getAsLong();
            this.limiter = new AtomicRateLimiter(policy.name(), config, Map.of(), new StartingAt(this.start, nanoTime));
        }

        RateLimitDecision decide() {
            boolean allowed = this.limiter.acquirePermission();
            long remaining = Math.max(0, this.limiter.getMetrics().getAvailablePermissions());
            long elapsed = this.nanoTime.getAsLong() - this.start;
            long untilReset = this.periodNanos - Math.floorMod(elapsed, this.periodNanos);
            return new RateLimitDecision(this.policy,
                    allowed ? RateLimitDecision.Outcome.ALLOWED : RateLimitDecision.Outcome.LIMITED, remaining,
                    RateLimitDecision.ceilSeconds(untilReset));
        }

    }

    // A key unused for a whole period is in a new window anyway: forgetting it is exact.
    private static final class IdleForPeriod implements Expiry<String, Window> {

        @Override
        public long expireAfterCreate(String key, Window window, long currentTime) {
            return window.periodNanos;
        }

        @Override
        public long expireAfterUpdate(String key, Window window, long currentTime, long currentDuration) {
            return window.periodNanos;
        }

        @Override
        public long expireAfterRead(String key, Window window, long currentTime, long currentDuration) {
            return window.periodNanos;
        }

    }

    /**
     * The limiter's time source, answering its first reading (the limiter's start) with
     * the window's own start, so both count windows from the same instant.
     */
    private static final class StartingAt implements Supplier<Long> {

        private final long start;

        private final LongSupplier nanoTime;

        private boolean started;

        StartingAt(long start, LongSupplier nanoTime) {
            this.start = start;
            this.nanoTime = nanoTime;
        }

        @Override
        public Long get() {
            if (!this.started) {
                // Only the constructor reads before the window is published.
                this.started = true;
                return this.start;
            }
            return this.nanoTime.getAsLong();
        }

    }

}
