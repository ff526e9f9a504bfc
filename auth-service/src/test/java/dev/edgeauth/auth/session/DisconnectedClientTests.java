package dev.edgeauth.auth.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.account.AccountClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Clients that hang up in the middle of a request: whatever the moment, the request's
 * transaction ends (committed or rolled back) and its connection goes back to the pool
 * clean, so later requests never inherit an open transaction; and a hang-up is not logged
 * as an error.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_disconnects")
@ExtendWith(OutputCaptureExtension.class)
class DisconnectedClientTests {

    // This service's own connections: they share the application name of the pool this
    // test's DatabaseClient draws from, while other test classes' services on the same
    // database server have their own.
    private static final String OWN_CONNECTIONS = "datname = current_database()"
            + " AND application_name = current_setting('application_name')";

    private static final int SESSIONS = 12;

    private static final int HANG_UPS = 240;

    private final AccountClient accounts;

    private final SessionClient sessions;

    private final DatabaseClient database;

    private final SessionRows rows;

    private final HttpClient http;

    @Autowired
    DisconnectedClientTests(WebTestClient client, DatabaseClient database, @LocalServerPort int port) {
        this.accounts = new AccountClient(client);
        this.sessions = new SessionClient(client);
        this.database = database;
        this.rows = new SessionRows(database);
        this.http = HttpClient.create(ConnectionProvider.newConnection())
            .baseUrl("http://localhost:" + port)
            .headers((headers) -> headers.set("Content-Type", "application/json"));
    }

    @Test
    void requestsWhenClientsHangUpMidwayThenNoConnectionIsLeftInATransactionAndNothingIsLoggedAsAnError(
            CapturedOutput output) {
        List<Map<String, Object>> signedUp = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            signedUp.add(this.accounts.signedUp(AccountClient.newEmail()));
        }
        // Refreshes (one-statement and locking paths, replays and reuse) and logouts,
        // each abandoned after 0 to 33 ms: before, during and after their transactions.
        Flux.range(0, HANG_UPS)
            .flatMap((i) -> hangUp(signedUp.get(i % SESSIONS), i), 16)
            .blockLast(Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(openTransactions()).as(this::describeOpenTransactions).isZero());
        // A client hanging up is routine, not an unexpected error with a stack trace.
        assertThat(output).doesNotContain("unexpected_error").doesNotContain("AbortedException");
        // Every pooled connection (20) serves a full rotation afterwards.
        for (int i = 0; i < 25; i++) {
            Map<String, Object> fresh = this.accounts.signedUp(AccountClient.newEmail());
            this.sessions.refreshed(SessionClient.refreshToken(fresh));
        }
    }

    @Test
    void refreshWhenClientHangsUpMidwayAndRetriesWithinGraceWindowThenStillSignedIn() {
        for (int attempt = 0; attempt < 24; attempt++) {
            Map<String, Object> signedUp = this.accounts.signedUp(AccountClient.newEmail());
            String refreshToken = SessionClient.refreshToken(signedUp);
            hangUp(signedUp, attempt * 5).block(Duration.ofSeconds(10));
            // Whether or not the abandoned rotation committed, the retry is answered (a
            // rotation, or the same successor as a grace replay), never treated as reuse.
            this.sessions.refresh(refreshToken).expectStatus().isOk();
            List<String> audited = this.rows.auditWithDetails(SessionClient.userId(signedUp))
                .block(Duration.ofSeconds(5));
            assertThat(audited).noneMatch((row) -> row.startsWith("refresh_token_reuse_detected"));
        }
    }

    private Mono<Void> hangUp(Map<String, Object> tokens, int attempt) {
        String path = (attempt % 5 == 4) ? "/auth/logout?scope=local" : "/auth/refresh";
        String body = "{\"refresh_token\":\"" + SessionClient.refreshToken(tokens) + "\"}";
        return this.http.post()
            .uri(path)
            .send(ByteBufFlux.fromString(Mono.just(body)))
            .responseContent()
            .aggregate()
            .then()
            .timeout(Duration.ofMillis(3L * (attempt % 12)))
            .onErrorResume((ex) -> Mono.empty());
    }

    private String describeOpenTransactions() {
        return this.database
            .sql("SELECT state, CAST(now() - xact_start AS text) AS age, query FROM pg_stat_activity WHERE "
                    + OWN_CONNECTIONS + " AND state LIKE 'idle in transaction%'")
            .map((row) -> row.get("state", String.class) + " for " + row.get("age", String.class) + " after: "
                    + row.get("query", String.class))
            .all()
            .collectList()
            .map(Object::toString)
            .block(Duration.ofSeconds(5));
    }

    private long openTransactions() {
        return this.database
            .sql("SELECT count(*) AS open FROM pg_stat_activity WHERE " + OWN_CONNECTIONS
                    + " AND state LIKE 'idle in transaction%'")
            .map((row) -> row.get("open", Long.class))
            .one()
            .block(Duration.ofSeconds(5));
    }

}
