package dev.edgeauth.gateway.ratelimit;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.edgeauth.gateway.routing.RateLimitPolicy;
import dev.edgeauth.gateway.routing.RateLimitPolicy.Backend;
import dev.edgeauth.gateway.routing.RateLimitPolicy.Key;
import dev.edgeauth.gateway.routing.RateLimitPolicy.RedisFailureMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory fixed windows, on a clock the test moves.
 */
class LocalRateLimiterTests {

    private static final RateLimitPolicy LOGIN = RateLimitPolicy.DEFAULTS.get("login");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    private final LocalRateLimiter limiter = new LocalRateLimiter(1000, this.nanos::get);

    @Test
    void decideWhenUnderLimitThenAllowedAndRemainingCountsDown() {
        for (int i = 1; i <= 10; i++) {
            RateLimitDecision decision = this.limiter.decide(LOGIN, "192.0.2.1");
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(10 - i);
            assertThat(decision.resetSeconds()).isEqualTo(60);
        }
    }

    @Test
    void decideWhenLimitReachedThenLimitedUntilTheWindowEnds() {
        exhaust(LOGIN, "192.0.2.1");
        advance(Duration.ofMillis(17_400));

        RateLimitDecision refused = this.limiter.decide(LOGIN, "192.0.2.1");

        assertThat(refused.outcome()).isEqualTo(RateLimitDecision.Outcome.LIMITED);
        assertThat(refused.remaining()).isZero();
        // 42.6 s left in the window, rounded up.
        assertThat(refused.resetSeconds()).isEqualTo(43);
        advance(Duration.ofSeconds(42));
        assertThat(this.limiter.decide(LOGIN, "192.0.2.1").allowed()).isFalse();
    }

    @Test
    void decideWhenClientWaitsRetryAfterThenAllowed() {
        exhaust(LOGIN, "192.0.2.1");
        advance(Duration.ofMillis(59_999));
        RateLimitDecision refused = this.limiter.decide(LOGIN, "192.0.2.1");
        assertThat(refused.allowed()).isFalse();

        advance(Duration.ofSeconds(refused.resetSeconds()));

        RateLimitDecision afterWaiting = this.limiter.decide(LOGIN, "192.0.2.1");
        assertThat(afterWaiting.allowed()).isTrue();
        assertThat(afterWaiting.remaining()).isEqualTo(9);
    }

    @Test
    void decideWhenOtherKeyOrOtherPolicyThenOwnWindow() {
        exhaust(LOGIN, "192.0.2.1");

        assertThat(this.limiter.decide(LOGIN, "192.0.2.2").allowed()).isTrue();
        assertThat(this.limiter.decide(RateLimitPolicy.DEFAULTS.get("signup"), "192.0.2.1").allowed()).isTrue();
    }

    @Test
    void decideWhenPolicyChangedThenWindowStartsAgainWithNewLimit() {
        exhaust(LOGIN, "192.0.2.1");
        RateLimitPolicy raised = new RateLimitPolicy("login", 20, Duration.ofSeconds(60), Key.IP, Backend.LOCAL,
                RedisFailureMode.LOCAL);

        RateLimitDecision decision = this.limiter.decide(raised, "192.0.2.1");

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.remaining()).isEqualTo(19);
    }

    @Test
    void decideWhenHundredThousandKeysThenWindowsStayWithinBound() {
        for (int i = 0; i < 100_000; i++) {
            this.limiter.decide(LOGIN, "10." + (i >> 16) + "." + ((i >> 8) & 0xFF) + "." + (i & 0xFF));
        }

        assertThat(this.limiter.size()).isLessThanOrEqualTo(1000);
    }

    @Test
    void decideWhenKeyIdleForItsPeriodThenForgotten() {
        this.limiter.decide(LOGIN, "192.0.2.1");
        this.limiter.decide(RateLimitPolicy.DEFAULTS.get("api"), "user-1");
        advance(Duration.ofMillis(1001));
        assertThat(this.limiter.size()).isEqualTo(1);

        advance(Duration.ofSeconds(60));

        assertThat(this.limiter.size()).isZero();
    }

    private void exhaust(RateLimitPolicy policy, String key) {
        for (int i = 0; i < policy.limit(); i++) {
            assertThat(this.limiter.decide(policy, key).allowed()).isTrue();
        }
        assertThat(this.limiter.decide(policy, key).allowed()).isFalse();
    }

    private void advance(Duration duration) {
        this.nanos.addAndGet(duration.toNanos());
    }

}
