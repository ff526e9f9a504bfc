package dev.edgeauth.auth.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.MutableClock;
import dev.edgeauth.auth.account.AccountClient;
import dev.edgeauth.auth.session.SessionClient;
import dev.edgeauth.common.testing.WholeResponseConnector;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /auth/admin/events} and the operator's {@code /actuator/admins}.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_admin_events")
class AdminEventsTests {

    private final WebTestClient client;

    private final WebTestClient management;

    private final AccountClient accounts;

    private final SessionClient sessions;

    private final MutableClock clock;

    @Autowired
    AdminEventsTests(WebTestClient client, MutableClock clock, @LocalManagementPort int managementPort) {
        this.clock = clock;
        this.client = client;
        this.management = WholeResponseConnector.bindToServer("http://localhost:" + managementPort).build();
        this.accounts = new AccountClient(client);
        this.sessions = new SessionClient(client);
    }

    @Test
    void eventsWhenCallerIsNotAdminThenForbidden() {
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        events(SessionClient.accessToken(tokens), "").expectStatus()
            .isForbidden()
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("forbidden");
    }

    @Test
    void eventsWhenNoTokenThenUnauthorized() {
        this.client.get()
            .uri("/auth/admin/events")
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .valueEquals("WWW-Authenticate", "Bearer");
    }

    @Test
    void grantWhenNoSuchAccountThenNotFoundAndNobodyIsAdmin() {
        grant("nobody." + UUID.randomUUID() + "@example.com").expectStatus().isNotFound();
    }

    @Test
    void eventsWhenAdminThenFilteredNewestFirstInCursorPages() {
        String adminEmail = AccountClient.newEmail();
        this.accounts.signedUp(adminEmail);
        grant(adminEmail).expectStatus().isOk().expectBody().jsonPath("$.admin").isEqualTo(true);
        // Roles travel in tokens: the grant shows from the next login on.
        String admin = SessionClient.accessToken(this.accounts.loggedIn(adminEmail, "192.0.2.99"));
        this.clock.advance(Duration.ofMinutes(1));
        Instant start = this.clock.instant();
        Map<String, Object> user = this.accounts.signedUp(AccountClient.newEmail());
        UUID userId = SessionClient.userId(user);
        String second = SessionClient.refreshToken(this.sessions.refreshed(SessionClient.refreshToken(user)));
        this.sessions.refreshed(second);
        this.sessions.logoutByRefreshToken(SessionClient.refreshToken(this.sessions.refreshed(second)), null);

        Map<String, Object> firstPage = page(admin, "?user_id=" + userId + "&limit=2");
        List<Map<String, Object>> items = items(firstPage);
        assertThat(items).extracting((item) -> item.get("type")).containsExactly("logout", "token_refreshed");
        assertThat(items.get(0)).containsOnlyKeys("id", "type", "occurred_at", "user_id", "session_id", "ip",
                "user_agent", "outcome", "details");
        assertThat(items.get(0)).containsEntry("user_id", userId.toString())
            .containsEntry("session_id", SessionClient.sessionId(user).toString())
            .containsEntry("outcome", "success")
            .containsEntry("details", Map.of("sessions_ended", 1, "scope", "local"));
        Map<String, Object> secondPage = page(admin,
                "?user_id=" + userId + "&limit=2&cursor=" + firstPage.get("next_cursor"));
        assertThat(items(secondPage)).extracting((item) -> item.get("type"))
            .containsExactly("token_refreshed", "token_refreshed");
        Map<String, Object> lastPage = page(admin,
                "?user_id=" + userId + "&limit=2&cursor=" + secondPage.get("next_cursor"));
        assertThat(items(lastPage)).extracting((item) -> item.get("type")).containsExactly("signup");
        assertThat(lastPage.get("next_cursor")).isNull();

        assertThat(items(page(admin, "?user_id=" + userId + "&type=token_refreshed"))).hasSize(3);
        assertThat(items(page(admin, "?type=signup&since=" + start))).extracting((item) -> item.get("user_id"))
            .containsExactly(userId.toString());
    }

    @Test
    void eventsWhenFilterMalformedThenInvalidRequest() {
        String adminEmail = AccountClient.newEmail();
        this.accounts.signedUp(adminEmail);
        grant(adminEmail).expectStatus().isOk();
        String admin = SessionClient.accessToken(this.accounts.loggedIn(adminEmail, "192.0.2.98"));
        for (String query : List.of("?user_id=nope", "?type=everything", "?since=yesterday", "?limit=0", "?limit=101",
                "?cursor=bm9wZQ")) {
            events(admin, query).expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_request");
        }
    }

    private WebTestClient.ResponseSpec grant(String email) {
        return this.management.post()
            .uri("/actuator/admins")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"email\":\"" + email + "\"}")
            .exchange();
    }

    private WebTestClient.ResponseSpec events(String accessToken, String query) {
        return this.client.get()
            .uri("/auth/admin/events" + query)
            .headers((h) -> h.setBearerAuth(accessToken))
            .exchange();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> page(String accessToken, String query) {
        return events(accessToken, query).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

}
