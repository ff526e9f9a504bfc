package dev.edgeauth.gateway.ratelimit;

import dev.edgeauth.gateway.routing.RateLimitPolicy;

/**
 * The answer of a limiter for one request.
 *
 * @param policy the policy that decided
 * @param outcome allowed, limited (429) or unavailable (503: a Redis policy that fails
 * closed while Redis is down)
 * @param remaining requests left in the current window after this one
 * @param resetSeconds whole seconds until the window ends, rounded up: a refused client
 * that waits this long is in a new window
 */
record RateLimitDecision(RateLimitPolicy policy, Outcome outcome, long remaining, long resetSeconds) {

    static RateLimitDecision unavailable(RateLimitPolicy policy) {
        return new RateLimitDecision(policy, Outcome.UNAVAILABLE, 0, 0);
    }

    boolean allowed() {
        return this.outcome == Outcome.ALLOWED;
    }

    /**
     * Seconds rounded up, so a wait of that many seconds always reaches the next window.
     */
    static long ceilSeconds(long nanos) {
        return (nanos <= 0) ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }

    enum Outcome {

        ALLOWED, LIMITED, UNAVAILABLE

    }

}
