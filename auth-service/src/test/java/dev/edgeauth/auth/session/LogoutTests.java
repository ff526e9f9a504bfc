package dev.edgeauth.auth.session;

import java.util.Map;
import java.util.UUID;

import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.account.AccountClient;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /auth/logout}: by bearer or by refresh token, each scope, and its audit
 * row.
 */
@AuthServiceIntegrationTest
class LogoutTests {

    private final WebTestClient client;

    private final AccountClient accounts;

    private final SessionClient sessions;

    private final SessionRows rows;

    @Autowired
    LogoutTests(WebTestClient client, DatabaseClient database) {
        this.client = client;
        this.accounts = new AccountClient(client);
        this.sessions = new SessionClient(client);
        this.rows = new SessionRows(database);
    }

    @Test
    void logoutWhenBearerThenThisSessionEndsAtOnceAndOthersLive() {
        String email = AccountClient.newEmail();
        Map<String, Object> first = this.accounts.signedUp(email);
        Map<String, Object> second = this.accounts.loggedIn(email, "192.0.2.60");

        this.sessions.logout(SessionClient.accessToken(first), null).expectStatus().isNoContent();

        this.accounts.me(SessionClient.accessToken(first))
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        expectInvalidGrant(SessionClient.refreshToken(first));
        this.accounts.me(SessionClient.accessToken(second)).expectStatus().isOk();
        expectAudit(SessionClient.userId(first), "logout/success {\"scope\": \"local\", \"sessions_ended\": 1}");
        this.rows.state(SessionClient.sessionId(first)).as(StepVerifier::create).expectNext("logout").verifyComplete();
    }

    @Test
    void logoutWhenRefreshTokenWithoutBearerThenItsSessionEnds() {
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        this.sessions.logoutByRefreshToken(SessionClient.refreshToken(tokens), null).expectStatus().isNoContent();
        this.accounts.me(SessionClient.accessToken(tokens)).expectStatus().isUnauthorized();
        expectInvalidGrant(SessionClient.refreshToken(tokens));
        expectAudit(SessionClient.userId(tokens), "logout/success {\"scope\": \"local\", \"sessions_ended\": 1}");
    }

    @Test
    void logoutWhenRefreshTokenUnknownOrSpentThenNoContentAndNothingEnds() {
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        String spent = SessionClient.refreshToken(tokens);
        Map<String, Object> refreshed = this.sessions.refreshed(spent);
        this.sessions.logoutByRefreshToken(spent, null).expectStatus().isNoContent();
        this.sessions.logoutByRefreshToken("A".repeat(RefreshTokens.TOKEN_LENGTH), null).expectStatus().isNoContent();
        this.sessions.logoutByRefreshToken("not a token", null).expectStatus().isNoContent();
        this.accounts.me(SessionClient.accessToken(refreshed)).expectStatus().isOk();
        this.rows.state(SessionClient.sessionId(tokens)).as(StepVerifier::create).expectNext("live").verifyComplete();
    }

    @Test
    void logoutWhenNeitherTokenThenInvalidTokenWithBareChallenge() {
        this.client.post()
            .uri("/auth/logout")
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .valueEquals("WWW-Authenticate", "Bearer")
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("invalid_token");
        this.client.post()
            .uri("/auth/logout")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{}")
            .exchange()
            .expectStatus()
            .isUnauthorized();
    }

    @Test
    void logoutWhenBearerInvalidThenInvalidTokenEvenWithRefreshToken() {
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        this.client.post()
            .uri("/auth/logout")
            .headers((h) -> h.setBearerAuth("not-a-jwt"))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"refresh_token\":\"" + SessionClient.refreshToken(tokens) + "\"}")
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("invalid_token");
        this.accounts.me(SessionClient.accessToken(tokens)).expectStatus().isOk();
    }

    @Test
    void logoutWhenScopeGlobalThenEverySessionOfTheUserEnds() {
        String email = AccountClient.newEmail();
        Map<String, Object> first = this.accounts.signedUp(email);
        Map<String, Object> second = this.accounts.loggedIn(email, "192.0.2.61");
        Map<String, Object> third = this.accounts.loggedIn(email, "192.0.2.62");
        Map<String, Object> stranger = this.accounts.signedUp(AccountClient.newEmail());

        this.sessions.logout(SessionClient.accessToken(second), "global").expectStatus().isNoContent();

        for (Map<String, Object> tokens : new Map[] { first, second, third }) {
            this.accounts.me(SessionClient.accessToken(tokens)).expectStatus().isUnauthorized();
            expectInvalidGrant(SessionClient.refreshToken(tokens));
        }
        this.accounts.me(SessionClient.accessToken(stranger)).expectStatus().isOk();
        expectAudit(SessionClient.userId(first), "logout/success {\"scope\": \"global\", \"sessions_ended\": 3}");
    }

    @Test
    void logoutWhenScopeOthersThenOnlyThisSessionLives() {
        String email = AccountClient.newEmail();
        Map<String, Object> first = this.accounts.signedUp(email);
        Map<String, Object> second = this.accounts.loggedIn(email, "192.0.2.63");
        Map<String, Object> third = this.accounts.loggedIn(email, "192.0.2.64");

        this.sessions.logout(SessionClient.accessToken(second), "others").expectStatus().isNoContent();

        this.accounts.me(SessionClient.accessToken(first)).expectStatus().isUnauthorized();
        this.accounts.me(SessionClient.accessToken(third)).expectStatus().isUnauthorized();
        this.accounts.me(SessionClient.accessToken(second)).expectStatus().isOk();
        this.sessions.refreshed(SessionClient.refreshToken(second));
        expectAudit(SessionClient.userId(first), "logout/success {\"scope\": \"others\", \"sessions_ended\": 2}");
    }

    @Test
    void logoutWhenScopeUnknownThenInvalidRequestAndNothingEnds() {
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        this.sessions.logout(SessionClient.accessToken(tokens), "everything")
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("invalid_request");
        this.accounts.me(SessionClient.accessToken(tokens)).expectStatus().isOk();
    }

    private void expectInvalidGrant(String refreshToken) {
        this.sessions.refresh(refreshToken)
            .expectStatus()
            .isUnauthorized()
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("invalid_grant");
    }

    // The logout row, and only one, among the user's rows.
    private void expectAudit(UUID userId, String logoutRow) {
        this.rows.auditWithDetails(userId)
            .as(StepVerifier::create)
            .assertNext((audited) -> assertThat(audited.stream().filter((row) -> row.startsWith("logout/")))
                .containsExactly(logoutRow))
            .verifyComplete();
    }

}
