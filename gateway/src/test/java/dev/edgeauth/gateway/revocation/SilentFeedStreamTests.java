package dev.edgeauth.gateway.revocation;

import java.time.Duration;
import java.util.Map;

import dev.edgeauth.gateway.testing.GatewayInstance;
import dev.edgeauth.gateway.testing.GatewayTestSupport;
import dev.edgeauth.gateway.testing.RevocationFeedServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A feed stream that opens and then says nothing (a dead connection that never closed) is
 * treated as down after the default heartbeat timeout, 10 s, and the gateway polls. The
 * gateway here reads the shipped application.yaml only, not the test overrides, so the
 * timeout is the one users get.
 */
class SilentFeedStreamTests extends GatewayTestSupport {

    @Test
    void streamWhenSilentForTheDefaultHeartbeatTimeoutThenDroppedAndFeedPolled() {
        RevocationFeedServer silent = RevocationFeedServer.start();
        silent.heartbeats(false);
        try (GatewayInstance gateway = GatewayInstance.start(standardRoutes(), Map.of("spring.config.location",
                "classpath:/application.yaml", "edgeauth.gateway.revocation.url", silent.baseUrl()))) {
            RevocationFeedClient feed = gateway.bean(RevocationFeedClient.class);
            await().atMost(Duration.ofSeconds(10)).until(feed::streaming);
            assertThat(gateway.bean(RevocationProperties.class).heartbeatTimeout()).hasSeconds(10);
            // It polls beside the stream until it has caught up (readiness); from then on
            // only a dropped stream makes it poll.
            await().atMost(Duration.ofSeconds(10)).until(gateway.bean(RevocationCatchUp.class)::caughtUp);
            int requestsWhileStreaming = silent.requests().size();

            // Two missed 5-s heartbeats, and a little slack for a busy machine.
            await().atMost(Duration.ofSeconds(13)).until(() -> !feed.streaming());
            await().atMost(Duration.ofSeconds(3))
                .until(() -> silent.requests()
                    .stream()
                    .skip(requestsWhileStreaming)
                    .anyMatch((request) -> request.startsWith("poll after=")));
        }
        finally {
            silent.stop();
        }
    }

}
