package dev.edgeauth.auth.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.edgeauth.auth.Await;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.MutableClock;
import dev.edgeauth.auth.account.AccountClient;
import dev.edgeauth.auth.session.SessionClient;
import dev.edgeauth.common.testing.WholeResponseConnector;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The revocation feed over HTTP on the management port, as a gateway reads it (contract,
 * "Revocation feed").
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_feed")
class RevocationFeedTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebTestClient client;

    private final AccountClient accounts;

    private final SessionClient sessions;

    private final DatabaseClient database;

    private final RevocationFeed feed;

    private final MutableClock clock;

    private final FeedClient internal;

    private final int managementPort;

    @Autowired
    RevocationFeedTests(WebTestClient client, DatabaseClient database, RevocationFeed feed, MutableClock clock,
            @LocalManagementPort int managementPort) {
        this.client = client;
        this.accounts = new AccountClient(client);
        this.sessions = new SessionClient(client);
        this.database = database;
        this.feed = feed;
        this.clock = clock;
        this.internal = new FeedClient(managementPort);
        this.managementPort = managementPort;
    }

    @Test
    void pageWhenLogoutThenItemInContractShape() {
        long before = Await.value(this.internal.lastSeq());
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        this.sessions.logout(SessionClient.accessToken(tokens), null).expectStatus().isNoContent();
        Instant revokedAt = Await.value(revokedAt(SessionClient.sessionId(tokens)));

        List<Map<String, Object>> items = Await.value(this.internal.page(before));

        assertThat(items).hasSize(1);
        Map<String, Object> item = items.get(0);
        assertThat(item).containsOnlyKeys("seq", "sid", "forget_after", "reason");
        assertThat(item.get("seq")).isInstanceOf(Number.class);
        assertThat(FeedClient.seq(item)).isGreaterThan(before);
        assertThat(item).containsEntry("sid", SessionClient.sessionId(tokens).toString())
            .containsEntry("reason", "logout");
        // Revocation time + access-token lifetime (900 s) + clock skew (60 s), RFC 3339
        // UTC.
        assertThat((String) item.get("forget_after")).endsWith("Z");
        assertThat(Instant.parse((String) item.get("forget_after"))).isEqualTo(revokedAt.plusSeconds(960));
    }

    @Test
    void pageWhenPublicPortThenNotThere() {
        this.client.get().uri("/internal/revocations?after=0").exchange().expectStatus().isNotFound();
        this.client.get().uri("/internal/revocations/stream?after=0").exchange().expectStatus().isNotFound();
    }

    @Test
    void pageWhenAfterIsNotANonNegativeIntegerThenInvalidRequest() {
        for (String after : List.of("-1", "abc", "1.5", "99999999999999999999")) {
            WholeResponseConnector.bindToServer("http://localhost:" + this.managementPort)
                .build()
                .get()
                .uri("/internal/revocations?after=" + after)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_request");
        }
    }

    @Test
    void streamWhenLogoutThenSubscriberGetsItWithinOneSecond() {
        long before = Await.value(this.internal.lastSeq());
        long notificationsBefore = this.feed.notifications();
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        String sid = SessionClient.sessionId(tokens).toString();
        AtomicLong loggedOutAt = new AtomicLong();
        AtomicLong receivedAt = new AtomicLong();

        this.internal.stream(before)
            .as(StepVerifier::create)
            // The stream opens with a heartbeat comment: the subscription is in place.
            .expectNextMatches((event) -> event.data() == null && event.comment() != null)
            .then(() -> {
                this.sessions.logout(SessionClient.accessToken(tokens), null).expectStatus().isNoContent();
                loggedOutAt.set(System.nanoTime());
            })
            .thenConsumeWhile((event) -> event.data() == null)
            .consumeNextWith((event) -> {
                receivedAt.set(System.nanoTime());
                Map<?, ?> item = JSON.readValue(event.data(), Map.class);
                assertThat(item.get("sid")).isEqualTo(sid);
                assertThat(event.id()).isEqualTo(String.valueOf(item.get("seq")));
            })
            .thenCancel()
            .verify(Duration.ofSeconds(10));

        // The contract's bound: in the feed within 1 s of the commit (the 204 comes after
        // it).
        assertThat(Duration.ofNanos(receivedAt.get() - loggedOutAt.get())).isLessThan(Duration.ofSeconds(1));
        assertThat(this.feed.notifications()).isGreaterThan(notificationsBefore);
    }

    @Test
    void streamWhenReconnectedWithLastSeqThenGetsEveryRevocationMissed() {
        long before = Await.value(this.internal.lastSeq());
        String email = AccountClient.newEmail();
        Map<String, Object> first = this.accounts.signedUp(email);
        this.sessions.logout(SessionClient.accessToken(first), null).expectStatus().isNoContent();
        ServerSentEvent<String> seen = Await.value(this.internal.stream(before).filter((e) -> e.data() != null).next());
        long lastSeen = Long.parseLong(seen.id());

        // While disconnected: three more sessions end.
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> tokens = this.accounts.loggedIn(email, "192.0.2.8" + i);
            missed.add(SessionClient.sessionId(tokens).toString());
            this.sessions.logoutByRefreshToken(SessionClient.refreshToken(tokens), null).expectStatus().isNoContent();
        }

        List<String> received = Await.value(this.internal.stream(lastSeen)
            .filter((event) -> event.data() != null)
            .take(3)
            .map((event) -> (String) JSON.readValue(event.data(), Map.class).get("sid"))
            .collectList());
        assertThat(received).containsExactlyElementsOf(missed);
    }

    @Test
    void streamWhenQuietThenHeartbeatAtLeastEveryFiveSeconds() {
        long last = Await.value(this.internal.lastSeq());
        AtomicLong previous = new AtomicLong();
        List<Duration> gaps = new ArrayList<>();
        this.internal.stream(last).take(3).doOnNext((event) -> {
            long now = System.nanoTime();
            if (previous.get() != 0) {
                gaps.add(Duration.ofNanos(now - previous.get()));
            }
            previous.set(now);
        })
            .as(StepVerifier::create)
            .expectNextMatches((event) -> event.comment() != null)
            .expectNextMatches((event) -> event.comment() != null)
            .expectNextMatches((event) -> event.comment() != null)
            .verifyComplete();
        assertThat(gaps).allSatisfy((gap) -> assertThat(gap).isLessThanOrEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void feedWhenPasswordChangedOrReuseDetectedThenThoseSessionsAreInItWithTheirReason() {
        long before = Await.value(this.internal.lastSeq());
        String email = AccountClient.newEmail();
        Map<String, Object> first = this.accounts.signedUp(email);
        Map<String, Object> second = this.accounts.loggedIn(email, "192.0.2.90");
        this.client.post()
            .uri("/auth/password")
            .headers((h) -> h.setBearerAuth(SessionClient.accessToken(first)))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"current_password\":\"" + AccountClient.PASSWORD
                    + "\",\"new_password\":\"lantern orchard velvet quarry\"}")
            .exchange()
            .expectStatus()
            .isNoContent();
        String stolen = SessionClient.refreshToken(first);
        this.sessions.refreshed(stolen);
        this.clock.advance(Duration.ofSeconds(11));
        this.sessions.refresh(stolen).expectStatus().isUnauthorized();

        assertThat(Await.value(this.internal.page(before)))
            .extracting((item) -> item.get("sid") + " " + item.get("reason"))
            .containsExactly(SessionClient.sessionId(second) + " password_changed",
                    SessionClient.sessionId(first) + " reuse_detected");
    }

    private Mono<Instant> revokedAt(UUID sessionId) {
        return this.database.sql("SELECT revoked_at FROM sessions WHERE id = :id")
            .bind("id", sessionId)
            .map((row) -> row.get("revoked_at", Instant.class))
            .one();
    }

}
