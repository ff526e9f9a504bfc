package dev.edgeauth.auth.signingkey;

import java.time.Duration;
import java.time.Instant;

import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The periodic maintenance is wired: with the rotation due, a running instance rotates on
 * its own, without anyone calling it.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = { "edgeauth.database.schema=auth_schedule", "edgeauth.keys.refresh-interval=1s" })
class SigningKeyScheduleTests {

    @Autowired
    private SigningKeyService keys;

    @Autowired
    private SigningKeyProperties properties;

    @Autowired
    private MutableClock clock;

    @Test
    void maintenanceWhenRotationIsDueThenRunningInstanceRotatesByItself() {
        SigningKey newest = this.keys.ring().newest();
        Instant due = newest.activatesAt().plus(this.properties.rotationInterval()).minus(this.properties.leadTime());

        this.clock.moveTo(due);

        // Polls the ring; the generous timeout only bounds a hung test, it asserts no
        // speed.
        StepVerifier
            .create(Flux.interval(Duration.ofMillis(200))
                .map((tick) -> this.keys.ring().newest().generation())
                .filter((generation) -> generation > newest.generation())
                .next())
            .assertNext((generation) -> assertThat(generation).isEqualTo(newest.generation() + 1))
            .expectComplete()
            .verify(Duration.ofSeconds(30));
    }

}
