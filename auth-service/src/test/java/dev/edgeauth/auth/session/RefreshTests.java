package dev.edgeauth.auth.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.edgeauth.auth.Await;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.MutableClock;
import dev.edgeauth.auth.account.AccountClient;
import dev.edgeauth.auth.account.AuditRows;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /auth/refresh}: rotation, the grace window and reuse detection.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_refresh")
class RefreshTests {

    private final AccountClient accounts;

    private final SessionClient sessions;

    private final AuditRows audit;

    private final SessionRows rows;

    private final MutableClock clock;

    @LocalServerPort
    private int port;

    @Autowired
    RefreshTests(WebTestClient client, DatabaseClient database, MutableClock clock) {
        this.accounts = new AccountClient(client);
        this.sessions = new SessionClient(client);
        this.audit = new AuditRows(database);
        this.rows = new SessionRows(database);
        this.clock = clock;
    }

    @Test
    void refreshWhenLiveTokenThenNewTokenPairAndTheOldTokenIsSpent() {
        Map<String, Object> signedUp = this.accounts.signedUp(AccountClient.newEmail());
        String first = SessionClient.refreshToken(signedUp);
        Map<String, Object> refreshed = this.sessions.refresh(first)
            .expectStatus()
            .isOk()
            .expectHeader()
            .cacheControl(org.springframework.http.CacheControl.noStore())
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
        String second = SessionClient.refreshToken(refreshed);
        assertThat(second).isNotEqualTo(first).hasSize(RefreshTokens.TOKEN_LENGTH);
        assertThat(refreshed).containsEntry("token_type", "Bearer")
            .containsEntry("expires_in", 900)
            .containsEntry("user", signedUp.get("user"));
        assertThat(((Number) refreshed.get("refresh_expires_in")).longValue())
            .isEqualTo(Duration.ofDays(7).toSeconds());
        assertThat(SessionClient.sessionId(refreshed)).isEqualTo(SessionClient.sessionId(signedUp));
        this.accounts.me(SessionClient.accessToken(refreshed)).expectStatus().isOk();
        this.rows.liveTokenHashes(SessionClient.sessionId(signedUp))
            .as(StepVerifier::create)
            .assertNext((hashes) -> assertThat(hashes).containsExactly(RefreshTokens.hash(second)))
            .verifyComplete();
        this.audit.ofUser(SessionClient.userId(signedUp))
            .as(StepVerifier::create)
            .assertNext((audited) -> assertThat(audited).containsExactly("signup/success", "token_refreshed/success"))
            .verifyComplete();
    }

    @Test
    void refreshWhenSuccessorRefreshedThenChainGoesOn() {
        Map<String, Object> signedUp = this.accounts.signedUp(AccountClient.newEmail());
        String second = SessionClient.refreshToken(this.sessions.refreshed(SessionClient.refreshToken(signedUp)));
        String third = SessionClient.refreshToken(this.sessions.refreshed(second));
        assertThat(third).isNotEqualTo(second);
        this.rows.state(SessionClient.sessionId(signedUp)).as(StepVerifier::create).expectNext("live").verifyComplete();
    }

    @Test
    void refreshWhenReplayedWithinGraceWindowThenSameSuccessorAndFreshAccessToken() {
        Map<String, Object> signedUp = this.accounts.signedUp(AccountClient.newEmail());
        String first = SessionClient.refreshToken(signedUp);
        Map<String, Object> firstUse = this.sessions.refreshed(first);
        this.clock.advance(Duration.ofSeconds(9));
        Map<String, Object> replay = this.sessions.refreshed(first);
        assertThat(SessionClient.refreshToken(replay)).isEqualTo(SessionClient.refreshToken(firstUse));
        assertThat(SessionClient.accessToken(replay)).isNotEqualTo(SessionClient.accessToken(firstUse));
        this.accounts.me(SessionClient.accessToken(replay)).expectStatus().isOk();
        this.audit.ofUser(SessionClient.userId(signedUp))
            .as(StepVerifier::create)
            .assertNext((audited) -> assertThat(audited).containsExactly("signup/success", "token_refreshed/success",
                    "token_refreshed/success"))
            .verifyComplete();
    }

    @Test
    void refreshWhenReplayedAfterGraceWindowThenSessionRevokedAndNewestTokenDies() {
        Map<String, Object> signedUp = this.accounts.signedUp(AccountClient.newEmail());
        UUID sessionId = SessionClient.sessionId(signedUp);
        String stolen = SessionClient.refreshToken(signedUp);
        Map<String, Object> legitimate = this.sessions.refreshed(stolen);
        this.clock.advance(Duration.ofSeconds(11));

        this.sessions.refresh(stolen, "198.51.100.7", "thief/1.0")
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .valueEquals("WWW-Authenticate", "Bearer")
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("invalid_grant");

        this.sessions.refresh(SessionClient.refreshToken(legitimate))
            .expectStatus()
            .isUnauthorized()
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("invalid_grant");
        this.accounts.me(SessionClient.accessToken(legitimate)).expectStatus().isUnauthorized();
        this.rows.state(sessionId).as(StepVerifier::create).expectNext("reuse_detected").verifyComplete();
        this.rows.auditWithDetails(SessionClient.userId(signedUp)).as(StepVerifier::create).assertNext((audited) -> {
            assertThat(audited).hasSize(4);
            assertThat(audited.get(2)).startsWith("refresh_token_reuse_detected/failure ")
                .contains("\"spent_by\": {\"ip\": \"192.0.2.50\", \"user_agent\": \"" + SessionClient.USER_AGENT)
                .contains("\"replayed_by\": {\"ip\": \"198.51.100.7\", \"user_agent\": \"thief/1.0\"}");
            assertThat(audited.get(3)).isEqualTo("token_refreshed/failure {\"reason\": \"session_revoked\"}");
        }).verifyComplete();
    }

    @Test
    void successorWhenGraceWindowPassedThenForgotten() {
        Map<String, Object> signedUp = this.accounts.signedUp(AccountClient.newEmail());
        this.sessions.refreshed(SessionClient.refreshToken(signedUp));
        UUID sessionId = SessionClient.sessionId(signedUp);
        this.rows.keptSuccessors(sessionId).as(StepVerifier::create).expectNext(1L).verifyComplete();
        this.clock.advance(Duration.ofSeconds(11));
        // The sweeper runs every second.
        Flux.interval(Duration.ofMillis(200))
            .concatMap((tick) -> this.rows.keptSuccessors(sessionId))
            .filter((kept) -> kept == 0)
            .next()
            .as(StepVerifier::create)
            .expectNext(0L)
            .expectComplete()
            .verify(Duration.ofSeconds(10));
    }

    @Test
    void refreshWhenTwentyConcurrentThenAllGetTheSameSuccessorWhichIsTheOnlyLiveToken() {
        Map<String, Object> signedUp = this.accounts.signedUp(AccountClient.newEmail());
        String token = SessionClient.refreshToken(signedUp);
        WebClient client = WebClient.create("http://localhost:" + this.port);
        Flux<ResponseEntity<Map>> refreshes = Flux.range(0, 20)
            .flatMap((i) -> client.post()
                .uri("/auth/refresh")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"refresh_token\":\"" + token + "\"}")
                .retrieve()
                .toEntity(Map.class), 20);
        List<ResponseEntity<Map>> answers = Await.value(refreshes.collectList());
        assertThat(answers).hasSize(20);
        assertThat(answers).allSatisfy((answer) -> assertThat(answer.getStatusCode().value()).isEqualTo(200));
        List<Object> successors = answers.stream()
            .map((answer) -> answer.getBody().get("refresh_token"))
            .distinct()
            .toList();
        assertThat(successors).hasSize(1);
        this.rows.liveTokenHashes(SessionClient.sessionId(signedUp))
            .as(StepVerifier::create)
            .assertNext((hashes) -> assertThat(hashes).containsExactly(RefreshTokens.hash((String) successors.get(0))))
            .verifyComplete();
    }

    @Test
    void refreshWhenGarbageOrTamperedThenInvalidGrantNotServerError() {
        Map<String, Object> signedUp = this.accounts.signedUp(AccountClient.newEmail());
        String token = SessionClient.refreshToken(signedUp);
        char last = token.charAt(token.length() - 1);
        String tampered = token.substring(0, token.length() - 1) + ((last == 'A') ? 'B' : 'A');
        for (String garbage : List.of(tampered, "garbage", "", "x".repeat(5000), "%00'; DROP TABLE sessions; --",
                "\\u0000\\u0000")) {
            this.sessions.refresh(garbage)
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("WWW-Authenticate", "Bearer")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_grant");
        }
        this.sessions.refreshBody("{\"refresh_token\":42}", "192.0.2.50", SessionClient.USER_AGENT)
            .expectStatus()
            .isBadRequest();
        this.sessions.refreshBody("{}", "192.0.2.50", SessionClient.USER_AGENT)
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("invalid_request");
        // The real token is untouched by all that.
        this.sessions.refreshed(token);
    }

}
