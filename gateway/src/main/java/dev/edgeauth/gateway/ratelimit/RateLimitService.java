package dev.edgeauth.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import dev.edgeauth.common.logging.DecisionLog;
import dev.edgeauth.gateway.routing.RateLimitPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Decides a request against its policy: in this gateway's memory, or in Redis for a
 * shared policy.
 *
 * <p>
 * When Redis cannot be reached (refused, error, no answer within the timeout) the
 * policy's {@code redis-failure-mode} applies: {@code local} counts in this gateway's
 * memory meanwhile (the default: the edge keeps limiting, each gateway up to the limit),
 * and {@code closed} refuses with 503. The outage is logged once when it starts and once
 * when it ends, and counted ({@code edgeauth.gateway.rate_limit.redis.outages}); while it
 * lasts, Redis is tried again by one request per {@code redis-retry-interval}, the others
 * take the failure mode at once instead of each waiting for a timeout.
 */
final class RateLimitService {

    private static final DecisionLog decisions = DecisionLog.of(RateLimitService.class);

    private final LocalRateLimiter local;

    private final RedisWindowLimiter redis;

    private final long retryIntervalNanos;

    private final LongSupplier nanoTime;

    private final AtomicBoolean redisDown = new AtomicBoolean();

    private final AtomicLong nextRedisAttempt;

    private final Counter outages;

    private final Counter fallbacksLocal;

    private final Counter fallbacksClosed;

    RateLimitService(LocalRateLimiter local, RedisWindowLimiter redis, Duration retryInterval, LongSupplier nanoTime,
            MeterRegistry meters) {
        this.local = local;
        this.redis = redis;
        this.retryIntervalNanos = retryInterval.toNanos();
        this.nanoTime = nanoTime;
        this.nextRedisAttempt = new AtomicLong(nanoTime.getAsLong());
        this.outages = Counter.builder("edgeauth.gateway.rate_limit.redis.outages")
            .description("Times Redis became unreachable for the shared rate limiter")
            .register(meters);
        this.fallbacksLocal = fallbacks(meters, "local");
        this.fallbacksClosed = fallbacks(meters, "closed");
        Gauge.builder("edgeauth.gateway.rate_limit.redis.up", this.redisDown, (down) -> down.get() ? 0 : 1)
            .description("1 while the shared rate limiter reaches Redis, 0 during an outage")
            .register(meters);
    }

    private static Counter fallbacks(MeterRegistry meters, String mode) {
        return Counter.builder("edgeauth.gateway.rate_limit.redis.fallbacks")
            .description("Requests decided by the Redis failure mode because Redis was unreachable")
            .tag("mode", mode)
            .register(meters);
    }

    Mono<RateLimitDecision> decide(RateLimitPolicy policy, String key) {
        if (policy.backend() == RateLimitPolicy.Backend.LOCAL) {
            return Mono.just(this.local.decide(policy, key));
        }
        if (this.redisDown.get() && !redisAttemptDue()) {
            return Mono.just(fallback(policy, key));
        }
        return this.redis.decide(policy, key).doOnNext((decision) -> redisAnswered()).onErrorResume((ex) -> {
            redisFailed(ex);
            return Mono.just(fallback(policy, key));
        });
    }

    boolean redisDown() {
        return this.redisDown.get();
    }

    // One request per interval tries Redis during an outage.
    private boolean redisAttemptDue() {
        long now = this.nanoTime.getAsLong();
        long due = this.nextRedisAttempt.get();
        return now - due >= 0 && this.nextRedisAttempt.compareAndSet(due, now + this.retryIntervalNanos);
    }

    private void redisAnswered() {
        if (this.redisDown.compareAndSet(true, false)) {
            decisions.info("rate_limit_redis_recovered", "action", "shared_limits_resumed");
        }
    }

    private void redisFailed(Throwable ex) {
        this.nextRedisAttempt.set(this.nanoTime.getAsLong() + this.retryIntervalNanos);
        if (this.redisDown.compareAndSet(false, true)) {
            this.outages.increment();
            // The policy's failure mode applies meanwhile: local, per-gateway windows;
            // closed, 503.
            decisions.warn("rate_limit_redis_unavailable", "cause", describe(ex), "action", "policy_failure_mode");
        }
    }

    private RateLimitDecision fallback(RateLimitPolicy policy, String key) {
        if (policy.redisFailureMode() == RateLimitPolicy.RedisFailureMode.CLOSED) {
            // Fail closed by the operator's choice: a limit that must hold across all
            // gateways (say, signup abuse) is worth more than availability here.
            this.fallbacksClosed.increment();
            return RateLimitDecision.unavailable(policy);
        }
        // Fail towards availability, still limited: each gateway enforces the limit on
        // its own until Redis is back.
        this.fallbacksLocal.increment();
        return this.local.decide(policy, key);
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return ex.getClass().getSimpleName() + ((message != null) ? ": " + message.replace('"', '\'') : "");
    }

}
