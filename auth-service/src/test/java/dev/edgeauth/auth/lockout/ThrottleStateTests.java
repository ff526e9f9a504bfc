package dev.edgeauth.auth.lockout;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThrottleStateTests {

    private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private static final Duration WINDOW = Duration.ofMinutes(15);

    @Test
    void afterFailureWhenBelowThresholdThenCountsWithoutLock() {
        ThrottleState state = fail(null, T0);
        state = fail(state, T0.plusSeconds(1));
        assertThat(state.failures()).isEqualTo(2);
        assertThat(state.lockedUntil()).isNull();
        assertThat(state.lockedAt(T0.plusSeconds(1))).isFalse();
    }

    @Test
    void afterFailureWhenThresholdReachedThenLocksAndStartsCountingAgain() {
        ThrottleState state = null;
        for (int i = 0; i < 3; i++) {
            state = fail(state, T0);
        }
        assertThat(state.lockedAt(T0)).isTrue();
        assertThat(state.lockedUntil()).isEqualTo(T0.plusSeconds(30));
        assertThat(state.failures()).isZero();
        assertThat(state.locks()).isEqualTo(1);
    }

    @Test
    void afterFailureWhenQuietLongerThanWindowThenHistoryForgotten() {
        ThrottleState state = null;
        for (int i = 0; i < 3; i++) {
            state = fail(state, T0);
        }
        ThrottleState later = fail(state, T0.plus(WINDOW).plusSeconds(1));
        assertThat(later.failures()).isEqualTo(1);
        assertThat(later.locks()).isZero();
        assertThat(later.lockedUntil()).isNull();
    }

    @Test
    void growingWhenLockedRepeatedlyThenDoublesUpToTheCap() {
        Duration base = Duration.ofSeconds(30);
        Duration max = Duration.ofMinutes(15);
        assertThat(ThrottleState.growing(1, base, max)).isEqualTo(Duration.ofSeconds(30));
        assertThat(ThrottleState.growing(4, base, max)).isEqualTo(Duration.ofSeconds(240));
        assertThat(ThrottleState.growing(6, base, max)).isEqualTo(max);
        assertThat(ThrottleState.growing(1000, base, max)).isEqualTo(max);
    }

    private static ThrottleState fail(ThrottleState previous, Instant now) {
        return ThrottleState.afterFailure(previous, now, 3, WINDOW,
                (n) -> ThrottleState.growing(n, Duration.ofSeconds(30), Duration.ofMinutes(15)));
    }

}
