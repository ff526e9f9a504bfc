package dev.edgeauth.gateway.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import dev.edgeauth.common.testing.CapturedLogEvents;
import dev.edgeauth.gateway.testing.GatewayTestSupport;
import dev.edgeauth.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway follows the revocation feed of a real server speaking the contract.
 */
class RevocationFeedTests extends GatewayTestSupport {

    /** Contract: a revoked session's tokens are refused within 2 s. */
    private static final Duration WITHIN = Duration.ofSeconds(2);

    @Autowired
    private RevocationFeedClient feedClient;

    @AfterEach
    void restoreFeed() {
        FEED.streamEnabled(true);
    }

    @Test
    void requestWhenSessionRevokedThenRefusedWithinTwoSeconds() {
        awaitStreaming();
        TestTokens token = TestTokens.valid(KEY);
        String sid = token.claimValue("sid").toString();
        String jwt = token.sign();
        assertThat(apiStatus(jwt)).isEqualTo(200);

        FEED.revoke(sid);

        await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> apiStatus(jwt) == 401);
    }

    @Test
    void requestWhenOtherSessionRevokedThenStillAccepted() {
        awaitStreaming();
        String jwt = TestTokens.valid(KEY).sign();
        long seq = FEED.revoke(UUID.randomUUID().toString());
        await().atMost(WITHIN).until(() -> this.feedClient.lastSeq() >= seq);

        assertThat(apiStatus(jwt)).isEqualTo(200);
    }

    @Test
    void feedWhenItemUnreadableThenSkippedLoudlyAndLaterRevocationsStillApplied() {
        awaitStreaming();
        assertUnreadableItemsSkipped();
    }

    @Test
    void pollWhenItemUnreadableThenSkippedLoudlyAndLaterRevocationsStillApplied() {
        FEED.streamEnabled(false);
        await().atMost(WITHIN).until(() -> !this.feedClient.streaming());
        assertUnreadableItemsSkipped();
    }

    // A good item, then items with a good seq but an unreadable member: the good one is
    // applied, the bad ones are logged by seq, and their seqs count, or the reader
    // would ask for them again and again.
    private void assertUnreadableItemsSkipped() {
        TestTokens token = TestTokens.valid(KEY);
        String jwt = token.sign();
        String forgetAfter = Instant.now().plus(Duration.ofMinutes(16)).toString();
        try (CapturedLogEvents log = CapturedLogEvents.of(RevocationFeedClient.class)) {
            FEED.revoke(token.claimValue("sid").toString());
            long notAUuid = FEED.publishRaw("{\"seq\":%d,\"sid\":\"session-1\",\"forget_after\":\"" + forgetAfter
                    + "\",\"reason\":\"logout\"}");
            long noForgetAfter = FEED
                .publishRaw("{\"seq\":%d,\"sid\":\"" + UUID.randomUUID() + "\",\"reason\":\"logout\"}");
            long badTime = FEED.publishRaw("{\"seq\":%d,\"sid\":\"" + UUID.randomUUID()
                    + "\",\"forget_after\":\"tomorrow\",\"reason\":\"logout\"}");

            await().atMost(WITHIN).until(() -> this.feedClient.lastSeq() >= badTime);
            assertThat(apiStatus(jwt)).isEqualTo(401);
            assertThat(log.messages()).contains("reason_id=revocation_item_unreadable seq=" + notAUuid,
                    "reason_id=revocation_item_unreadable seq=" + noForgetAfter,
                    "reason_id=revocation_item_unreadable seq=" + badTime);
        }
    }

    @Test
    void feedWhenServerRestartsThenRevocationsMadeMeanwhileCaughtUpFromLastSeq() {
        awaitStreaming();
        long seqBeforeStop = FEED.revoke(UUID.randomUUID().toString());
        await().atMost(WITHIN).until(() -> this.feedClient.lastSeq() >= seqBeforeStop);
        TestTokens token = TestTokens.valid(KEY);
        String jwt = token.sign();

        FEED.stop();
        try {
            await().atMost(WITHIN).until(() -> !this.feedClient.streaming());
            FEED.revoke(token.claimValue("sid").toString());
            // While the feed is down, tokens still verify with cached keys.
            assertThat(apiStatus(jwt)).isEqualTo(200);
            int requestsBeforeRestart = FEED.requests().size();
            FEED.restart();

            await().atMost(Duration.ofSeconds(5)).until(() -> apiStatus(jwt) == 401);
            // Caught up from the last seq it had applied: by the stream or by a poll,
            // whichever reconnected first.
            assertThat(FEED.requests().subList(requestsBeforeRestart, FEED.requests().size()))
                .anyMatch((request) -> request.endsWith(" after=" + seqBeforeStop));
        }
        finally {
            FEED.ensureRunning();
        }
    }

    @Test
    void feedWhenStreamUnavailableThenPollingDeliversWithinTwoSeconds() {
        FEED.streamEnabled(false);
        await().atMost(WITHIN).until(() -> !this.feedClient.streaming());
        TestTokens token = TestTokens.valid(KEY);
        String jwt = token.sign();

        FEED.revoke(token.claimValue("sid").toString());

        await().atMost(WITHIN).pollInterval(Duration.ofMillis(50)).until(() -> apiStatus(jwt) == 401);
        assertThat(FEED.requests()).anyMatch((request) -> request.startsWith("poll after="));
    }

    @Test
    void metricsWhenFeedStopsAndReturnsThenOperatorSeesIt() {
        awaitStreaming();
        long seq = FEED.revoke(UUID.randomUUID().toString());
        await().atMost(WITHIN).until(() -> metric("edgeauth_gateway_revocation_feed_last_seq") >= seq);
        assertThat(metric("edgeauth_gateway_revocation_feed_up")).isEqualTo(1);
        assertThat(metric("edgeauth_gateway_revocation_feed_streaming")).isEqualTo(1);
        assertThat(metric("edgeauth_gateway_revocation_sessions")).isGreaterThanOrEqualTo(1);
        assertThat(metric("edgeauth_gateway_jwks_keys")).isEqualTo(1);

        FEED.stop();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> metric("edgeauth_gateway_revocation_feed_up") == 0);
            assertThat(metric("edgeauth_gateway_revocation_feed_streaming")).isEqualTo(0);

            FEED.restart();
            await().atMost(Duration.ofSeconds(5)).until(() -> metric("edgeauth_gateway_revocation_feed_up") == 1);
        }
        finally {
            FEED.ensureRunning();
        }
    }

    private double metric(String name) {
        return metric(this.managementPort, name);
    }

    private void awaitStreaming() {
        await().atMost(Duration.ofSeconds(5)).until(this.feedClient::streaming);
    }

}
