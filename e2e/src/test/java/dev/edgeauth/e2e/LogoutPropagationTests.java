package dev.edgeauth.e2e;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A logout reaches the edge: the gateway follows the auth-service's revocation feed, so
 * the session's access token is refused on every route within 2 seconds, without a call
 * to the auth-service per request.
 */
class LogoutPropagationTests {

    private static final Duration CONTRACT_BOUND = Duration.ofSeconds(2);

    private final WebTestClient gateway = Stack.get().client();

    @Test
    void logoutWhenDoneThenAccessTokenRefusedAtTheGatewayWithinTwoSeconds() {
        Accounts ada = Accounts.signUp(this.gateway);
        ada.as(this.gateway).get().uri("/api/tasks").exchange().expectStatus().isOk();

        ada.as(this.gateway).post().uri("/auth/logout").exchange().expectStatus().isNoContent();

        await().atMost(CONTRACT_BOUND)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> status(ada, "/api/tasks") == 401);
        ada.as(this.gateway).get().uri("/auth/me").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void logoutOthersWhenDoneThenOnlyTheOtherSessionsAreRefused() {
        Accounts first = Accounts.signUp(this.gateway);
        Accounts second = first.loggedInAgain(this.gateway);

        second.as(this.gateway).post().uri("/auth/logout?scope=others").exchange().expectStatus().isNoContent();

        await().atMost(CONTRACT_BOUND)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> status(first, "/api/tasks") == 401);
        second.as(this.gateway).get().uri("/api/tasks").exchange().expectStatus().isOk();
    }

    @Test
    void refreshTokenReusedAfterTheGraceWindowThenTheSessionsAccessTokenRefusedAtTheGatewayWithinTwoSeconds() {
        Accounts ada = Accounts.signUp(this.gateway);
        ada.as(this.gateway).get().uri("/api/tasks").exchange().expectStatus().isOk();
        assertThat(refreshStatus(ada.refreshToken())).isEqualTo(200);

        // Replays within the grace window are concurrent refreshes (200); the first one
        // after
        // it is reuse, which revokes the whole session.
        await().atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(250))
            .until(() -> refreshStatus(ada.refreshToken()) == 401);

        await().atMost(CONTRACT_BOUND)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> status(ada, "/api/tasks") == 401);
    }

    private int refreshStatus(String refreshToken) {
        return this.gateway.post()
            .uri("/auth/refresh")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"refresh_token\":\"" + refreshToken + "\"}")
            .exchange()
            .returnResult(String.class)
            .getStatus()
            .value();
    }

    private int status(Accounts account, String path) {
        return account.as(this.gateway).get().uri(path).exchange().returnResult(String.class).getStatus().value();
    }

}
