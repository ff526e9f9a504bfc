package dev.edgeauth.auth.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.edgeauth.auth.Await;
import dev.edgeauth.auth.AuthServiceApplication;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.LockWaits;
import dev.edgeauth.auth.account.AccountClient;
import dev.edgeauth.auth.session.SessionClient;
import dev.edgeauth.common.testing.WholeResponseConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One feed for every instance on a database, in commit order.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=" + RevocationOrderTests.SCHEMA)
class RevocationOrderTests {

    static final String SCHEMA = "auth_feed_order";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConfigurableApplicationContext second;

    private final AccountClient accounts;

    private final SessionClient sessions;

    private final DatabaseClient database;

    private final RevocationLog log;

    private final TransactionalOperator transaction;

    private final FeedClient internal;

    @Autowired
    RevocationOrderTests(WebTestClient client, DatabaseClient database, RevocationLog log,
            TransactionalOperator transaction, @LocalManagementPort int managementPort) {
        this.accounts = new AccountClient(client);
        this.sessions = new SessionClient(client);
        this.database = database;
        this.log = log;
        this.transaction = transaction;
        this.internal = new FeedClient(managementPort);
    }

    // A second auth-service on the same database and schema, with its own ports and the
    // system clock. It starts after this class's instance, which made the signing key:
    // started first, it would make the key, activating at a system time that this
    // instance's test clock (stopped at the start of the second) may never reach.
    @BeforeEach
    void startSecondInstance() {
        if (second != null) {
            return;
        }
        // Arguments, not default properties: application.yaml's ports would win over
        // those.
        second = new SpringApplicationBuilder(AuthServiceApplication.class).run("--edgeauth.database.schema=" + SCHEMA,
                "--server.port=0", "--management.server.port=0");
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void feedWhenSessionEndsOnOneInstanceThenTheOtherInstancesSubscriberGetsIt() {
        SessionClient secondSessions = new SessionClient(
                WholeResponseConnector.bindToServer("http://localhost:" + port(second, "local.server.port")).build());
        FeedClient secondFeed = new FeedClient(port(second, "local.management.port"));
        long before = Await.value(this.internal.lastSeq());
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        String sid = SessionClient.sessionId(tokens).toString();

        this.internal.stream(before)
            .as(StepVerifier::create)
            .expectNextMatches((event) -> event.comment() != null)
            .then(() -> secondSessions.logoutByRefreshToken(SessionClient.refreshToken(tokens), null)
                .expectStatus()
                .isNoContent())
            .thenConsumeWhile((event) -> event.data() == null)
            .assertNext((event) -> assertThat(JSON.readValue(event.data(), Map.class).get("sid")).isEqualTo(sid))
            .thenCancel()
            .verify(Duration.ofSeconds(10));

        assertThat(Await.value(secondFeed.page(before))).isEqualTo(Await.value(this.internal.page(before)));
    }

    @Test
    void feedWhenRevocationCommitsAfterALaterOneStartedThenNoReaderMissesIt() {
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        long before = Await.value(this.internal.lastSeq());
        UUID heldSession = UUID.randomUUID();
        Sinks.Empty<Void> locked = Sinks.empty();
        Sinks.Empty<Void> release = Sinks.empty();
        // Transaction 1 draws its seq and stays open.
        Mono<Void> held = this.transaction
            .transactional(this.log.record(List.of(heldSession), RevocationReason.LOGOUT, Instant.now())
                .then(Mono.fromRunnable(locked::tryEmitEmpty))
                .then(release.asMono()))
            .cache();
        held.subscribe();
        Mono<Integer> logout;
        // Whatever fails in between, transaction 1 ends: left open, it would hold the
        // feed's lock for every later test on this database.
        try {
            Await.completion(locked.asMono());
            // Transaction 2, a logout, starts meanwhile: it must wait for transaction 1.
            logout = Mono
                .fromCallable(() -> this.sessions.logout(SessionClient.accessToken(tokens), null)
                    .returnResult(Void.class)
                    .getStatus()
                    .value())
                .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                .cache();
            logout.subscribe();
            Await.completion(LockWaits.advisoryLock(this.database));
            // A reader now sees neither: nothing it could skip past.
            assertThat(Await.value(this.internal.page(before))).isEmpty();
        }
        finally {
            release.tryEmitEmpty();
        }
        Await.completion(held);
        assertThat(Await.value(logout)).isEqualTo(204);
        List<Map<String, Object>> items = Await.value(this.internal.page(before));
        assertThat(items).extracting((item) -> item.get("sid"))
            .containsExactly(heldSession.toString(), SessionClient.sessionId(tokens).toString());
        assertThat(FeedClient.seq(items.get(0))).isLessThan(FeedClient.seq(items.get(1)));
    }

    private static int port(ConfigurableApplicationContext context, String property) {
        return Integer.parseInt(context.getEnvironment().getProperty(property));
    }

}
