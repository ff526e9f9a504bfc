package dev.edgeauth.gateway.revocation;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.edgeauth.common.testing.CapturedLogEvents;
import dev.edgeauth.common.testing.WholeResponseConnector;
import dev.edgeauth.gateway.testing.GatewayInstance;
import dev.edgeauth.gateway.testing.GatewayTestSupport;
import dev.edgeauth.gateway.testing.RevocationFeedServer;
import dev.edgeauth.gateway.testing.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway is ready only when it knows the revocations (specs/gateway.md, "Readiness"):
 * after the start, and after a reconnect that ends an outage longer than the access-token
 * lifetime, readiness is DOWN until a poll has read the feed up to date, or until
 * {@code ready-timeout} runs out. Each test but the last starts a gateway of its own in
 * front of a feed of its own; the last puts the shared one through a short outage.
 */
class RevocationReadinessTests extends GatewayTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String CAUGHT_UP = "edgeauth_gateway_revocation_caught_up";

    @Autowired
    private RevocationFeedClient feedClient;

    @Test
    void readinessWhenFeedNotReadUpToDateThenDownUntilAPollReadsItWhilePublicPortServes() {
        RevocationFeedServer feed = RevocationFeedServer.start();
        // The stream opens, but no poll is answered: the gateway hears the feed without
        // learning where it ends.
        feed.pollsEnabled(false);
        try (GatewayInstance gateway = start(feed, Map.of())) {
            RevocationFeedClient client = gateway.bean(RevocationFeedClient.class);
            await().atMost(WAIT).until(() -> client.streaming() && client.reachable());
            await().atMost(WAIT).until(() -> feed.requests().contains("poll after=0"));

            assertReadinessDown(gateway.managementPort());
            assertThat(metric(gateway.managementPort(), CAUGHT_UP)).isZero();
            // Readiness is for the load balancer: the public port serves meanwhile.
            assertThat(gateway.get("/public/ready").statusCode()).isEqualTo(200);

            feed.pollsEnabled(true);

            await().atMost(WAIT).until(() -> readiness(gateway.managementPort()) == 200);
            assertThat(metric(gateway.managementPort(), CAUGHT_UP)).isEqualTo(1);
        }
        finally {
            feed.stop();
        }
    }

    @Test
    void firstRequestWhenReadyThenTokenOfSessionRevokedBeforeStartRefused() {
        TestTokens token = TestTokens.valid(KEY);
        String jwt = token.sign();
        RevocationFeedServer feed = RevocationFeedServer.start();
        feed.revoke(token.claimValue("sid").toString());
        // Only a poll can bring the revocation, and none is answered yet.
        feed.streamEnabled(false);
        feed.pollsEnabled(false);
        try (GatewayInstance gateway = start(feed, Map.of())) {
            await().atMost(WAIT).until(() -> feed.requests().contains("poll after=0"));
            assertReadinessDown(gateway.managementPort());

            feed.pollsEnabled(true);
            await().atMost(WAIT).until(() -> readiness(gateway.managementPort()) == 200);

            assertThat(apiStatus(gateway, jwt)).isEqualTo(401);
        }
        finally {
            feed.stop();
        }
    }

    @Test
    void readinessWhenReadyTimeoutRunsOutThenUpWithCaughtUpZeroAndOneWarning() {
        String warning = "reason_id=revocation_ready_timeout after=start ready_timeout=PT3S"
                + " action=ready_without_revocations";
        // GatewayInstance's feed URL is a closed port: the feed never answers.
        try (GatewayInstance gateway = GatewayInstance.start(standardRoutes(),
                Map.of("edgeauth.gateway.revocation.ready-timeout", "3s"))) {
            // Captured from here: the start re-initializes logging, which drops earlier
            // captures. Still DOWN, so the warning is yet to come.
            try (CapturedLogEvents log = CapturedLogEvents.of(RevocationCatchUp.class)) {
                assertReadinessDown(gateway.managementPort());

                await().atMost(WAIT).until(() -> readiness(gateway.managementPort()) == 200);

                assertThat(metric(gateway.managementPort(), CAUGHT_UP)).isZero();
                assertThat(log.messages()).containsOnlyOnce(warning);
                assertThat(log.levels().get(log.messages().indexOf(warning))).isEqualTo("WARN");
            }
        }
    }

    @Test
    void readinessWhenFeedReconnectsAfterOutageLongerThanTokenLifetimeThenDownUntilCaughtUp() {
        Duration lifetime = Duration.ofSeconds(3);
        TestTokens token = TestTokens.valid(KEY);
        String jwt = token.sign();
        RevocationFeedServer feed = RevocationFeedServer.start();
        try (GatewayInstance gateway = start(feed, Map.of("edgeauth.token.access-ttl", lifetime.toString()))) {
            await().atMost(WAIT).until(() -> readiness(gateway.managementPort()) == 200);
            RevocationCatchUp catchUp = gateway.bean(RevocationCatchUp.class);

            feed.stop();
            await().atMost(WAIT).until(() -> catchUp.silence().compareTo(lifetime) > 0);
            // The outage itself leaves readiness alone.
            assertThat(readiness(gateway.managementPort())).isEqualTo(200);
            feed.revoke(token.claimValue("sid").toString());
            feed.pollsEnabled(false);
            feed.restart();

            // The stream is back, and brings the revocation, but no poll has read the
            // feed
            // to its end.
            await().atMost(WAIT).until(() -> readiness(gateway.managementPort()) == 503);
            assertThat(metric(gateway.managementPort(), CAUGHT_UP)).isZero();

            feed.pollsEnabled(true);
            await().atMost(WAIT).until(() -> readiness(gateway.managementPort()) == 200);

            assertThat(apiStatus(gateway, jwt)).isEqualTo(401);
        }
        finally {
            feed.stop();
        }
    }

    @Test
    void readinessWhenFeedReconnectsAfterShortOutageThenStaysUp() {
        try (CapturedLogEvents log = CapturedLogEvents.of(RevocationCatchUp.class)) {
            FEED.stop();
            await().atMost(WAIT).until(() -> !this.feedClient.reachable());
            assertThat(readiness(this.managementPort)).isEqualTo(200);
            // Were a catch-up needed now, it could not end: no poll is answered.
            FEED.pollsEnabled(false);
            FEED.restart();

            // An event has come through the reopened stream.
            await().atMost(WAIT).until(() -> this.feedClient.streaming() && this.feedClient.reachable());

            assertThat(readiness(this.managementPort)).isEqualTo(200);
            assertThat(metric(this.managementPort, CAUGHT_UP)).isEqualTo(1);
            assertThat(log.reasonIds()).doesNotContain("revocation_catch_up_required");
        }
        finally {
            FEED.pollsEnabled(true);
            FEED.ensureRunning();
        }
    }

    // A gateway of its own in front of this feed, with the fixture's keys; its
    // ready-timeout is long enough that only a catch-up makes it ready.
    private static GatewayInstance start(RevocationFeedServer feed, Map<String, Object> more) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("edgeauth.gateway.jwks.uri", JWKS.url());
        properties.put("edgeauth.gateway.revocation.url", feed.baseUrl());
        properties.put("edgeauth.gateway.revocation.ready-timeout", "1m");
        properties.putAll(more);
        return GatewayInstance.start(standardRoutes(), properties);
    }

    private static void assertReadinessDown(int managementPort) {
        WholeResponseConnector.bindToServer("http://127.0.0.1:" + managementPort)
            .build()
            .get()
            .uri("/actuator/health/readiness")
            .exchange()
            .expectStatus()
            .isEqualTo(503)
            .expectBody()
            .jsonPath("$.status")
            .isEqualTo("DOWN");
    }

    private static int apiStatus(GatewayInstance gateway, String token) {
        return WholeResponseConnector.bindToServer("http://127.0.0.1:" + gateway.port())
            .build()
            .get()
            .uri("/api/tasks")
            .header(HttpHeaders.AUTHORIZATION, bearer(token))
            .exchange()
            .returnResult(Void.class)
            .getStatus()
            .value();
    }

}
