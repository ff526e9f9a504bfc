package dev.edgeauth.gateway.revocation;

import java.time.Duration;
import java.time.Instant;

import dev.edgeauth.common.testing.CapturedLogEvents;
import dev.edgeauth.gateway.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revoked-session set in bounded memory: expired entries leave, the nearest
 * {@code forget_after} is evicted first beyond the bound, evictions are counted and each
 * overflow episode is logged once.
 */
class RevokedSessionsTests {

    private final MutableClock clock = new MutableClock();

    private final Instant start = this.clock.instant();

    @Test
    void revokeWhenOverCapacityThenNearestForgetAfterEvictedAndCounted() {
        RevokedSessions sessions = new RevokedSessions(this.clock, 3);
        for (int i = 1; i <= 5; i++) {
            sessions.revoke("s" + i, this.start.plus(Duration.ofMinutes(15 + i)));
        }

        assertThat(sessions.size()).isEqualTo(3);
        assertThat(sessions.isRevoked("s1")).isFalse();
        assertThat(sessions.isRevoked("s2")).isFalse();
        assertThat(sessions.isRevoked("s3")).isTrue();
        assertThat(sessions.isRevoked("s5")).isTrue();
        assertThat(sessions.evicted()).isEqualTo(2);
    }

    @Test
    void revokeWhenEarlierEntriesExpiredThenTheyLeaveWithoutEviction() {
        RevokedSessions sessions = new RevokedSessions(this.clock, 3);
        sessions.revoke("s1", this.start.plus(Duration.ofMinutes(1)));
        sessions.revoke("s2", this.start.plus(Duration.ofMinutes(2)));
        this.clock.advance(Duration.ofMinutes(3));

        sessions.revoke("s3", this.start.plus(Duration.ofMinutes(20)));

        assertThat(sessions.size()).isEqualTo(1);
        assertThat(sessions.isRevoked("s1")).isFalse();
        assertThat(sessions.evicted()).isZero();
    }

    @Test
    void revokeWhenSessionRevokedAgainLaterThenKeptUntilTheLaterForgetAfter() {
        RevokedSessions sessions = new RevokedSessions(this.clock, 3);
        sessions.revoke("s1", this.start.plus(Duration.ofMinutes(10)));
        sessions.revoke("s1", this.start.plus(Duration.ofMinutes(20)));
        sessions.revoke("s2", this.start.plus(Duration.ofMinutes(30)));
        this.clock.advance(Duration.ofMinutes(11));

        sessions.revoke("s3", this.start.plus(Duration.ofMinutes(40)));

        // s1's first forget_after has passed; its later one stands.
        assertThat(sessions.isRevoked("s1")).isTrue();
        assertThat(sessions.size()).isEqualTo(3);
        assertThat(sessions.evicted()).isZero();
    }

    @Test
    void revokeWhenOverCapacityManyTimesThenOneWarningPerEpisode() {
        RevokedSessions sessions = new RevokedSessions(this.clock, 2);
        try (CapturedLogEvents log = CapturedLogEvents.of(RevokedSessions.class)) {
            for (int i = 0; i < 10; i++) {
                sessions.revoke("a" + i, this.start.plus(Duration.ofMinutes(20 + i)));
            }
            assertThat(log.messages()).filteredOn((line) -> line.contains("revocations_over_capacity")).hasSize(1);

            // The episode ends when the set is within the bound again; the next one
            // warns.
            this.clock.advance(Duration.ofMinutes(40));
            sessions.revoke("b0", this.start.plus(Duration.ofMinutes(60)));
            sessions.revoke("b1", this.start.plus(Duration.ofMinutes(61)));
            sessions.revoke("b2", this.start.plus(Duration.ofMinutes(62)));
            assertThat(log.messages()).filteredOn((line) -> line.contains("revocations_over_capacity")).hasSize(2);
        }
        assertThat(sessions.evicted()).isEqualTo(9);
    }

}
