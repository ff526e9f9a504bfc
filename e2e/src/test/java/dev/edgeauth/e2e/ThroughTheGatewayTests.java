package dev.edgeauth.e2e;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A client's journey through the real gateway to the real auth-service and task-service:
 * sign up, use the access token on the task API, and nothing a client sends can make it
 * someone else.
 */
class ThroughTheGatewayTests {

    private final WebTestClient gateway = Stack.get().client();

    @Test
    void signupThenTaskCreatedAndListedThroughTheGateway() {
        Accounts alice = Accounts.signUp(this.gateway);
        alice.as(this.gateway)
            .post()
            .uri("/api/tasks")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"title\":\"through the gateway\"}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectHeader()
            .valueMatches("Location", "/api/tasks/[0-9a-f-]{36}");
        alice.as(this.gateway)
            .get()
            .uri("/api/tasks")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.items[0].title")
            .isEqualTo("through the gateway");
        alice.as(this.gateway)
            .get()
            .uri("/auth/me")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.id")
            .isEqualTo(alice.userId());
    }

    @Test
    void taskApiWhenNoTokenThenUnauthorizedAtTheEdge() {
        this.gateway.get()
            .uri("/api/tasks")
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .valueEquals("WWW-Authenticate", "Bearer")
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void taskApiWhenClientSendsAnotherUsersIdentityThenItIsIgnored() {
        Accounts victim = Accounts.signUp(this.gateway);
        victim.as(this.gateway)
            .post()
            .uri("/api/tasks")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"title\":\"victim's secret\"}")
            .exchange()
            .expectStatus()
            .isCreated();
        Accounts attacker = Accounts.signUp(this.gateway);

        // Without a token, a forged identity does not get through at all.
        this.gateway.get()
            .uri("/api/tasks")
            .header("X-User-Id", victim.userId())
            .exchange()
            .expectStatus()
            .isUnauthorized();
        // With the attacker's own token, every spelling of the identity headers is
        // replaced by the token's.
        attacker.as(this.gateway)
            .get()
            .uri("/api/tasks")
            .header("X-User-Id", victim.userId())
            .header("x-user-id", victim.userId())
            .header("X-USER-ROLES", "admin")
            .header("X-Session-Id", UUID.randomUUID().toString())
            .header("Connection", "X-User-Id")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.items.length()")
            .isEqualTo(0);
    }

    @Test
    void tokenWhenAlgNoneOrTamperedThenUnauthorizedWithInvalidToken() {
        Accounts alice = Accounts.signUp(this.gateway);
        String[] parts = alice.accessToken().split("\\.");
        String unsigned = "eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0." + parts[1] + ".";
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        for (String token : new String[] { unsigned, tampered }) {
            this.gateway.get()
                .uri("/api/tasks")
                .headers((headers) -> headers.setBearerAuth(token))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
    }

    @Test
    void managementEndpointsWhenAskedOnThePublicPortThenNotFound() {
        this.gateway.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
        this.gateway.get().uri("/internal/revocations?after=0").exchange().expectStatus().isNotFound();
    }

}
