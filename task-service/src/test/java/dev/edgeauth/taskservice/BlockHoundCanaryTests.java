package dev.edgeauth.taskservice;

import java.time.Duration;

import dev.edgeauth.common.testing.BlockHoundCanary;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.test.StepVerifier;

class BlockHoundCanaryTests {

    @Test
    void sleepWhenOnParallelSchedulerThenBlockHoundFailsIt() {
        BlockHoundCanary.sleepOnParallelScheduler()
            .as(StepVerifier::create)
            .expectError(BlockingOperationError.class)
            .verify(Duration.ofSeconds(30));
    }

}
