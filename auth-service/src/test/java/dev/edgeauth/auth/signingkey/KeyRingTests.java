package dev.edgeauth.auth.signingkey;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key timeline without a database.
 */
class KeyRingTests {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private static final Duration RETENTION = Duration.ofSeconds(960);

    private static final Duration LEAD = Duration.ofHours(1);

    private final SigningKey first = key(1, T0, T0);

    private final SigningKey second = key(2, T0.plus(Duration.ofDays(30)), T0.plus(Duration.ofDays(30)).plus(LEAD));

    private final KeyRing ring = new KeyRing(List.of(this.second, this.first), RETENTION);

    @Test
    void signingKeyWhenSuccessorNotYetActiveThenPredecessorSigns() {
        assertThat(this.ring.signingKey(this.second.activatesAt().minusNanos(1))).isSameAs(this.first);
        assertThat(this.ring.signingKey(this.second.activatesAt())).isSameAs(this.second);
    }

    @Test
    void signingKeyWhenBeforeAnyActivationThenNone() {
        assertThat(this.ring.signingKey(T0.minusSeconds(1))).isNull();
    }

    @Test
    void publishedWhenSuccessorCreatedThenBothNewestFirst() {
        assertThat(this.ring.published(this.second.createdAt())).containsExactly(this.second, this.first);
    }

    @Test
    void publishedWhenRetentionAfterRetirementRunsOutThenPredecessorDropped() {
        Instant until = this.second.activatesAt().plus(RETENTION);

        assertThat(this.ring.publishedUntil(this.first)).isEqualTo(until);
        assertThat(this.ring.published(until)).containsExactly(this.second, this.first);
        assertThat(this.ring.published(until.plusNanos(1))).containsExactly(this.second);
        assertThat(this.ring.verificationKey(this.first.kid(), until.plusNanos(1))).isNull();
        assertThat(this.ring.verificationKey(this.second.kid(), until.plusNanos(1))).isSameAs(this.second);
    }

    @Test
    void rotationDueWhenIntervalMinusLeadTimeElapsedThenTrue() {
        Duration interval = Duration.ofDays(30);
        Instant due = this.second.activatesAt().plus(interval).minus(LEAD);

        assertThat(this.ring.rotationDue(due.minusNanos(1), interval, LEAD)).isFalse();
        assertThat(this.ring.rotationDue(due, interval, LEAD)).isTrue();
        assertThat(new KeyRing(List.of(), RETENTION).rotationDue(T0, interval, LEAD)).isTrue();
    }

    private static SigningKey key(int generation, Instant createdAt, Instant activatesAt) {
        Ed25519SigningAlgorithm algorithm = new Ed25519SigningAlgorithm();
        SigningAlgorithm.KeyPairBytes pair = algorithm.generate(new SecureRandom());
        return new SigningKey(algorithm.publicJwk(pair.publicKey()).getKeyID(), generation, algorithm.jwsAlgorithm(),
                createdAt, activatesAt, algorithm.publicJwk(pair.publicKey()),
                algorithm.verificationKey(pair.publicKey()), algorithm.signingKey(pair.privateKey()));
    }

}
