package dev.edgeauth.auth.revocation;

import java.time.Duration;

import dev.edgeauth.auth.AuthServiceApplication;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stopping auth-service ends its feed streams, so its graceful shutdown is not held up
 * by readers (gateways) that never finish on their own: they reconnect, to another
 * instance behind a load balancer.
 */
@AuthServiceIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RevocationStreamShutdownTests {

    /**
     * Far below the shutdown phase's 20 s that an open stream would hold the stop for.
     */
    private static final Duration STREAM_END = Duration.ofSeconds(10);

    @Test
    void streamWhenServiceStopsThenEndsAndShutdownIsNotHeldUp(CapturedOutput output) {
        // An instance of its own: this test stops it.
        ConfigurableApplicationContext instance = new SpringApplicationBuilder(AuthServiceApplication.class)
            .run("--edgeauth.database.schema=auth_feed_shutdown", "--server.port=0", "--management.server.port=0");
        try {
            FeedClient feed = new FeedClient(
                    Integer.parseInt(instance.getEnvironment().getProperty("local.management.port")));
            Mono<Void> stop = Mono.fromRunnable(instance::close).subscribeOn(Schedulers.boundedElastic()).then();

            feed.stream(0)
                .as(StepVerifier::create)
                .expectNextMatches((event) -> event.comment() != null)
                .then(stop::subscribe)
                .thenConsumeWhile((event) -> event.comment() != null)
                .expectComplete()
                .verify(STREAM_END);
        }
        finally {
            instance.close();
        }
        assertThat(output).doesNotContain("Graceful shutdown aborted");
    }

}
