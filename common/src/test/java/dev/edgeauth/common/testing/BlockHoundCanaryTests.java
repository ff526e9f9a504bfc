package dev.edgeauth.common.testing;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BlockHound is on in this test JVM: a blocking call on a non-blocking thread fails. The
 * one canary of the build: every module runs it from common's test-jar (the parent POM's
 * {@code blockhound-canary} execution of Surefire), so a module whose tests could not
 * catch a blocked event loop fails its build.
 */
class BlockHoundCanaryTests {

    @Test
    void sleepWhenOnParallelSchedulerThenBlockHoundFailsIt() {
        Throwable failure = BlockHoundCanary.sleepOnParallelScheduler()
            .then(Mono.<Throwable>empty())
            .onErrorResume(Mono::just)
            .block(Duration.ofSeconds(30));

        assertThat(failure).isInstanceOf(BlockingOperationError.class);
    }

}
