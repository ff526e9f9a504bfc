package dev.edgeauth.auth.lockout;

import java.time.Duration;
import java.time.Instant;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * The failed-login state of one key (an account and address, or an account alone), and
 * the rule that moves it on a failure. Pure: the repository stores it under a row lock.
 *
 * @param failures failures since the last lock (or since the state was forgotten)
 * @param lastFailureAt when the last failure happened
 * @param locks locks in a row; each one longer for an account and address
 * @param lockedUntil when the current lock ends, or {@code null}
 */
record ThrottleState(int failures, Instant lastFailureAt, int locks, @Nullable Instant lockedUntil) {

    /**
     * The state after one more failure.
     * @param previous the stored state, or {@code null} for a key without one
     * @param now the time of the failure
     * @param threshold failures that set a lock
     * @param window how long a quiet key keeps its history
     * @param lockLength the length of the n-th lock in a row (n from 1)
     * @return the new state; {@link #lockedAt(Instant)} tells whether this failure set a
     * lock
     */
    static ThrottleState afterFailure(@Nullable ThrottleState previous, Instant now, int threshold, Duration window,
            IntFunction<Duration> lockLength) {
        boolean forgotten = previous == null || previous.lastFailureAt.plus(window).isBefore(now);
        int failures = forgotten ? 1 : previous.failures + 1;
        int locks = forgotten ? 0 : previous.locks;
        Instant lockedUntil = forgotten ? null : previous.lockedUntil;
        if (failures >= threshold) {
            locks++;
            return new ThrottleState(0, now, locks, now.plus(lockLength.apply(locks)));
        }
        return new ThrottleState(failures, now, locks, lockedUntil);
    }

    /**
     * Whether this state's lock was set at {@code now} (by the failure that produced it).
     */
    boolean lockedAt(Instant now) {
        return this.lockedUntil != null && this.failures == 0 && this.lastFailureAt.equals(now);
    }

    /**
     * The n-th lock of an account and address: doubling from {@code base}, never above
     * {@code max}.
     */
    static Duration growing(int n, Duration base, Duration max) {
        Duration length = base;
        for (int i = 1; i < n && length.compareTo(max) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return (length.compareTo(max) > 0) ? max : length;
    }

}
