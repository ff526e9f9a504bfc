package dev.edgeauth.auth.account;

import java.util.Map;
import java.util.UUID;

import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.password.HashingGate;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServiceIntegrationTest
class PasswordChangeTests {

    private static final String NEW_PASSWORD = "lantern orchard velvet quarry";

    private final WebTestClient client;

    private final AccountClient accounts;

    private final AuditRows audit;

    private final HashingGate gate;

    @Autowired
    PasswordChangeTests(WebTestClient client, DatabaseClient database, HashingGate gate) {
        this.client = client;
        this.accounts = new AccountClient(client);
        this.audit = new AuditRows(database);
        this.gate = gate;
    }

    @Test
    void changeWhenCurrentPasswordWrongFiveTimesThenLockedAndTheNextNeverReachesTheHashingQueue() {
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        for (int i = 0; i < 5; i++) {
            change(token(tokens), "not the password", NEW_PASSWORD, "198.51.100.77").expectStatus().isUnauthorized();
        }
        long admitted = this.gate.admitted();

        String retryAfter = change(token(tokens), AccountClient.PASSWORD, NEW_PASSWORD, "198.51.100.77").expectStatus()
            .isEqualTo(429)
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("rate_limited")
            .returnResult()
            .getResponseHeaders()
            .getFirst("Retry-After");

        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 30);
        assertThat(this.gate.admitted()).isEqualTo(admitted);
        StepVerifier.create(this.audit.ofUser(userId(tokens)))
            .assertNext((rows) -> assertThat(rows).contains("account_locked/failure/too_many_failures")
                .endsWith("password_changed/failure/locked"))
            .verifyComplete();
    }

    @Test
    void changeWhenCurrentPasswordWrongThenTheFailureCountsForLoginsFromThatAddressToo() {
        String email = AccountClient.newEmail();
        Map<String, Object> tokens = this.accounts.signedUp(email);
        for (int i = 0; i < 5; i++) {
            change(token(tokens), "not the password", NEW_PASSWORD, "198.51.100.78").expectStatus().isUnauthorized();
        }

        this.accounts.login(AccountClient.credentials(email, AccountClient.PASSWORD), "198.51.100.78")
            .expectStatus()
            .isEqualTo(429);
    }

    @Test
    void changeWhenCurrentPasswordRightThenOtherSessionsEndAndThisOneLives() {
        String email = AccountClient.newEmail();
        Map<String, Object> first = this.accounts.signedUp(email);
        Map<String, Object> second = this.accounts.loggedIn(email, "192.0.2.20");
        Map<String, Object> third = this.accounts.loggedIn(email, "192.0.2.21");

        change(token(second), AccountClient.PASSWORD, NEW_PASSWORD).expectStatus().isNoContent();

        this.accounts.me(token(second)).expectStatus().isOk();
        this.accounts.me(token(first)).expectStatus().isUnauthorized();
        this.accounts.me(token(third)).expectStatus().isUnauthorized();
        this.accounts.login(AccountClient.credentials(email, AccountClient.PASSWORD), "192.0.2.22")
            .expectStatus()
            .isUnauthorized();
        this.accounts.login(AccountClient.credentials(email, NEW_PASSWORD), "192.0.2.22").expectStatus().isOk();
        this.audit.ofUser(userId(first))
            .as(StepVerifier::create)
            .assertNext((rows) -> assertThat(rows).containsExactly("signup/success", "login_succeeded/success",
                    "login_succeeded/success", "password_changed/success", "login_failed/failure/wrong_password",
                    "login_succeeded/success"))
            .verifyComplete();
    }

    @Test
    void changeWhenCurrentPasswordWrongThenInvalidCredentialsAndNothingChanges() {
        String email = AccountClient.newEmail();
        Map<String, Object> tokens = this.accounts.signedUp(email);
        change(token(tokens), "not the password", NEW_PASSWORD).expectStatus()
            .isUnauthorized()
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("invalid_credentials");
        this.accounts.loggedIn(email, "192.0.2.23");
        this.audit.ofUser(userId(tokens))
            .as(StepVerifier::create)
            .assertNext((rows) -> assertThat(rows).containsExactly("signup/success",
                    "password_changed/failure/wrong_password", "login_succeeded/success"))
            .verifyComplete();
    }

    @Test
    void changeWhenNewPasswordWeakThenWeakPasswordAndOneFailureRow() {
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        change(token(tokens), AccountClient.PASSWORD, "password1").expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("weak_password");
        this.audit.ofUser(userId(tokens))
            .as(StepVerifier::create)
            .assertNext((rows) -> assertThat(rows).containsExactly("signup/success",
                    "password_changed/failure/weak_password"))
            .verifyComplete();
    }

    @Test
    void changeWhenNoBearerThenUnauthorized() {
        this.client.post()
            .uri("/auth/password")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"current_password\":\"a\",\"new_password\":\"b\"}")
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .valueEquals("WWW-Authenticate", "Bearer");
    }

    private WebTestClient.ResponseSpec change(String accessToken, String current, String next) {
        return change(accessToken, current, next, "198.51.100.1");
    }

    private WebTestClient.ResponseSpec change(String accessToken, String current, String next, String clientIp) {
        return this.client.post()
            .uri("/auth/password")
            .headers((h) -> h.setBearerAuth(accessToken))
            .header("X-Forwarded-For", clientIp)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"current_password\":\"" + current + "\",\"new_password\":\"" + next + "\"}")
            .exchange();
    }

    private static String token(Map<String, Object> tokens) {
        return (String) tokens.get("access_token");
    }

    private static UUID userId(Map<String, Object> tokens) {
        return UUID.fromString((String) ((Map<?, ?>) tokens.get("user")).get("id"));
    }

}
