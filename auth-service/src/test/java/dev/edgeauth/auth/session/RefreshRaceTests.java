package dev.edgeauth.auth.session;

import java.util.Map;
import java.util.UUID;

import dev.edgeauth.auth.Await;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.LockWaits;
import dev.edgeauth.auth.account.AccountClient;
import dev.edgeauth.auth.account.AuditRows;
import dev.edgeauth.auth.revocation.RevocationReason;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /auth/refresh}: the one-statement rotation and its fallback, against
 * revocation (specs/sessions.md, "Final").
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_refresh")
class RefreshRaceTests {

    private final AccountClient accounts;

    private final SessionClient sessions;

    private final AuditRows audit;

    private final SessionRows rows;

    private final DatabaseClient database;

    private final SessionService sessionService;

    private final TransactionalOperator transaction;

    private final MeterRegistry meters;

    @Autowired
    RefreshRaceTests(WebTestClient client, DatabaseClient database, SessionService sessionService,
            TransactionalOperator transaction, MeterRegistry meters) {
        this.accounts = new AccountClient(client);
        this.sessions = new SessionClient(client);
        this.audit = new AuditRows(database);
        this.rows = new SessionRows(database);
        this.database = database;
        this.sessionService = sessionService;
        this.transaction = transaction;
        this.meters = meters;
    }

    @Test
    void refreshWhenLiveTokenThenOneStatementWritesTheAuditRowAndCountsIt() {
        Map<String, Object> signedUp = this.accounts.signedUp(AccountClient.newEmail());
        double before = refreshedEvents();
        this.sessions.refreshed(SessionClient.refreshToken(signedUp));
        assertThat(refreshedEvents()).isEqualTo(before + 1);
        this.rows.auditWithDetails(SessionClient.userId(signedUp))
            .as(StepVerifier::create)
            .assertNext(
                    (audited) -> assertThat(audited).containsExactly("signup/success {}", "token_refreshed/success {}"))
            .verifyComplete();
    }

    @Test
    void refreshWhenSessionRevokedThenNothingSpentAndNoSuccessor() {
        Map<String, Object> signedUp = this.accounts.signedUp(AccountClient.newEmail());
        String token = SessionClient.refreshToken(signedUp);
        this.sessions.logout(SessionClient.accessToken(signedUp), null).expectStatus().isNoContent();

        expectInvalidGrant(this.sessions.refresh(token));
        this.rows.liveTokenHashes(SessionClient.sessionId(signedUp))
            .as(StepVerifier::create)
            .assertNext((hashes) -> assertThat(hashes).containsExactly(RefreshTokens.hash(token)))
            .verifyComplete();
    }

    // A revocation that commits while the rotation waits for the session's row lock: the
    // rotation re-checks the row as committed and changes nothing (no spent token, no
    // successor, no slide), then refuses.
    @Test
    void refreshWhenRevocationCommitsWhileItWaitsForTheSessionThenRefusedAndNothingRotated() {
        Map<String, Object> signedUp = this.accounts.signedUp(AccountClient.newEmail());
        UUID userId = SessionClient.userId(signedUp);
        UUID sessionId = SessionClient.sessionId(signedUp);
        String token = SessionClient.refreshToken(signedUp);
        Sinks.Empty<Void> revoked = Sinks.empty();
        Sinks.Empty<Void> release = Sinks.empty();
        Mono<Boolean> revocation = this.transaction
            .transactional(this.sessionService.end(sessionId, userId, RevocationReason.SESSION_REVOKED)
                .flatMap((ended) -> Mono.fromRunnable(revoked::tryEmitEmpty).then(release.asMono()).thenReturn(ended)))
            .cache();
        revocation.subscribe();
        Mono<Integer> refresh;
        try {
            Await.completion(revoked.asMono());
            refresh = Mono.fromCallable(() -> this.sessions.refresh(token).returnResult(Void.class).getStatus().value())
                .subscribeOn(Schedulers.boundedElastic())
                .cache();
            refresh.subscribe();
            Await.completion(LockWaits.rowLock(this.database));
        }
        finally {
            release.tryEmitEmpty();
        }
        assertThat(Await.value(revocation)).isTrue();
        assertThat(Await.value(refresh)).isEqualTo(401);
        this.rows.liveTokenHashes(sessionId)
            .as(StepVerifier::create)
            .assertNext((hashes) -> assertThat(hashes).containsExactly(RefreshTokens.hash(token)))
            .verifyComplete();
        this.audit.ofUser(userId)
            .as(StepVerifier::create)
            .assertNext((audited) -> assertThat(audited).containsExactly("signup/success",
                    "token_refreshed/failure/session_revoked"))
            .verifyComplete();
        this.rows.state(sessionId).as(StepVerifier::create).expectNext("session_revoked").verifyComplete();
    }

    private void expectInvalidGrant(WebTestClient.ResponseSpec response) {
        response.expectStatus().isUnauthorized().expectBody().jsonPath("$.code").isEqualTo("invalid_grant");
    }

    private double refreshedEvents() {
        var counter = this.meters.find("edgeauth.auth.events")
            .tags("type", "token_refreshed", "outcome", "success")
            .counter();
        return (counter != null) ? counter.count() : 0;
    }

}
