package dev.edgeauth.e2e;

import dev.edgeauth.common.testing.WholeResponseConnector;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway is ready only when it knows the revocations: a session ended while the
 * gateway was down is refused by the first request its readiness lets through.
 */
class RevocationOnStartTests {

    private final Stack stack = Stack.get();

    private final WebTestClient gateway = this.stack.client();

    @Test
    void firstRequestWhenGatewayReadyAfterRestartThenTokenOfSessionEndedMeanwhileRefused() {
        Accounts ada = Accounts.signUp(this.gateway);
        ada.as(this.gateway).get().uri("/api/tasks").exchange().expectStatus().isOk();

        this.stack.gateway().stop();
        try {
            // The gateway is down: the logout goes to the auth-service itself.
            WebTestClient authService = WholeResponseConnector.bindToServer(this.stack.authService().url()).build();
            ada.as(authService).post().uri("/auth/logout").exchange().expectStatus().isNoContent();
        }
        finally {
            this.stack.gateway().start();
            this.stack.gateway().awaitReady();
        }

        ada.as(this.gateway)
            .get()
            .uri("/api/tasks")
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("invalid_token");
    }

}
