package dev.edgeauth.auth.session;

import java.util.List;
import java.util.Map;

import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.account.AccountClient;
import dev.edgeauth.auth.account.AuditRows;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /auth/sessions} and {@code DELETE /auth/sessions/{id}}.
 */
@AuthServiceIntegrationTest
class SessionListTests {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    private final AccountClient accounts;

    private final SessionClient sessions;

    private final AuditRows audit;

    @Autowired
    SessionListTests(WebTestClient client, DatabaseClient database) {
        this.accounts = new AccountClient(client);
        this.sessions = new SessionClient(client);
        this.audit = new AuditRows(database);
    }

    @Test
    void sessionsWhenListedThenLiveSessionsWithContractFieldsAndCurrentMarked() {
        String email = AccountClient.newEmail();
        Map<String, Object> first = this.accounts.signedUp(email);
        Map<String, Object> second = this.accounts.loggedIn(email, "192.0.2.70");
        Map<String, Object> ended = this.accounts.loggedIn(email, "192.0.2.71");
        this.sessions.logout(SessionClient.accessToken(ended), null).expectStatus().isNoContent();

        List<Map<String, Object>> listed = list(SessionClient.accessToken(second));

        assertThat(listed).extracting((session) -> session.get("id"))
            .containsExactlyInAnyOrder(SessionClient.sessionId(first).toString(),
                    SessionClient.sessionId(second).toString());
        Map<String, Object> current = listed.stream()
            .filter((session) -> session.get("id").equals(SessionClient.sessionId(second).toString()))
            .findFirst()
            .orElseThrow();
        assertThat(current).containsOnlyKeys("id", "created_at", "last_used_at", "expires_at", "ip", "user_agent",
                "current");
        assertThat(current).containsEntry("current", true).containsEntry("ip", "192.0.2.70");
        assertThat(listed).filteredOn((session) -> Boolean.TRUE.equals(session.get("current"))).hasSize(1);
    }

    @Test
    void sessionsWhenAnotherUsersThenInvisibleAndRevokingIsNotFound() {
        Map<String, Object> owner = this.accounts.signedUp(AccountClient.newEmail());
        Map<String, Object> other = this.accounts.signedUp(AccountClient.newEmail());
        String ownerSession = SessionClient.sessionId(owner).toString();

        assertThat(list(SessionClient.accessToken(other))).extracting((session) -> session.get("id"))
            .containsExactly(SessionClient.sessionId(other).toString());
        this.sessions.revoke(SessionClient.accessToken(other), ownerSession)
            .expectStatus()
            .isNotFound()
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("not_found");
        this.accounts.me(SessionClient.accessToken(owner)).expectStatus().isOk();
    }

    @Test
    void revokeWhenOwnOtherSessionThenItEndsAtOnceWithOneAuditRow() {
        String email = AccountClient.newEmail();
        Map<String, Object> phone = this.accounts.signedUp(email);
        Map<String, Object> laptop = this.accounts.loggedIn(email, "192.0.2.72");

        this.sessions.revoke(SessionClient.accessToken(laptop), SessionClient.sessionId(phone).toString())
            .expectStatus()
            .isNoContent();

        this.accounts.me(SessionClient.accessToken(phone)).expectStatus().isUnauthorized();
        this.sessions.refresh(SessionClient.refreshToken(phone)).expectStatus().isUnauthorized();
        this.accounts.me(SessionClient.accessToken(laptop)).expectStatus().isOk();
        this.sessions.revoke(SessionClient.accessToken(laptop), SessionClient.sessionId(phone).toString())
            .expectStatus()
            .isNotFound();
        this.audit.ofUser(SessionClient.userId(phone))
            .as(StepVerifier::create)
            .assertNext((rows) -> assertThat(rows).containsExactly("signup/success", "login_succeeded/success",
                    "session_revoked/success", "token_refreshed/failure/session_revoked",
                    "session_revoked/failure/not_found"))
            .verifyComplete();
    }

    @Test
    void revokeWhenIdIsNotAUuidThenNotFound() {
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        this.sessions.revoke(SessionClient.accessToken(tokens), "not-a-session").expectStatus().isNotFound();
    }

    private List<Map<String, Object>> list(String accessToken) {
        return this.sessions.sessions(accessToken)
            .expectStatus()
            .isOk()
            .expectBody(LIST)
            .returnResult()
            .getResponseBody();
    }

}
