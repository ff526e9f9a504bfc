package dev.edgeauth.auth;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Proves BlockHound is installed in this module's tests (by blockhound-junit-platform),
 * so the other tests would fail on any blocking call on a non-blocking thread.
 */
class BlockHoundCanaryTests {

    @Test
    void sleepWhenOnParallelSchedulerThenBlockingOperationError() {
        Mono<Void> sleeping = Mono.<Void>fromRunnable(BlockHoundCanaryTests::sleep).subscribeOn(Schedulers.parallel());
        StepVerifier.create(sleeping)
            .expectErrorSatisfies((error) -> org.assertj.core.api.Assertions.assertThat(error)
                .isInstanceOf(BlockingOperationError.class))
            .verify(Duration.ofSeconds(10));
    }

    private static void sleep() {
        try {
            Thread.sleep(1);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
