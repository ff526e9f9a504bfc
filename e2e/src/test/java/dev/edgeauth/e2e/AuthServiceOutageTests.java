package dev.edgeauth.e2e;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auth-service stops: access tokens the gateway has already seen keys for keep
 * working (no call to the auth-service per request), {@code /auth/**} answers 503 fast,
 * and everything works again once it is back.
 */
class AuthServiceOutageTests {

    private final Stack stack = Stack.get();

    private final WebTestClient gateway = this.stack.client();

    @Test
    void requestsWhenAuthServiceDownThenTokensStillWorkAndAuthRoutesUnavailableFast() {
        Accounts alice = Accounts.signUp(this.gateway);
        alice.as(this.gateway).get().uri("/api/tasks").exchange().expectStatus().isOk();

        this.stack.authService().stop();
        try {
            alice.as(this.gateway).get().uri("/api/tasks").exchange().expectStatus().isOk();

            long started = System.nanoTime();
            this.gateway.post()
                .uri("/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\":\"" + alice.email() + "\",\"password\":\"" + Accounts.PASSWORD + "\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unavailable");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
        finally {
            this.stack.authService().start();
            this.stack.authService().awaitReady();
        }
        Accounts again = alice.loggedInAgain(this.gateway);

        // The gateway reconnects to the restarted auth-service's feed and catches up: a
        // logout made now still
        // reaches the edge within the contract's 2 seconds.
        alice.as(this.gateway).post().uri("/auth/logout?scope=global").exchange().expectStatus().isNoContent();
        await().atMost(Duration.ofSeconds(2))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> again.as(this.gateway)
                .get()
                .uri("/api/tasks")
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value() == 401);
    }

}
