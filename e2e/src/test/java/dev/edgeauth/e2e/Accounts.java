package dev.edgeauth.e2e;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Test fixture: a user signed up through the gateway, with their tokens.
 *
 * @param email the email
 * @param userId the user id
 * @param accessToken the access token
 * @param refreshToken the refresh token
 */
record Accounts(String email, String userId, String accessToken, String refreshToken) {

    static final String PASSWORD = "correct horse battery staple";

    private static final AtomicInteger sequence = new AtomicInteger();

    @SuppressWarnings("unchecked")
    static Accounts signUp(WebTestClient gateway) {
        int number = sequence.incrementAndGet();
        String email = "e2e" + number + "." + System.nanoTime() + "@example.com";
        Map<String, Object> tokens = gateway.post()
            .uri("/auth/signup")
            // Each user from an address of its own: the signup policy allows 10 a minute
            // per address, and the suite signs up more than that within a minute.
            .header("X-Forwarded-For", "198.18." + (number / 250) + "." + (1 + number % 250))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}")
            .exchange()
            .expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
        Map<String, Object> user = (Map<String, Object>) tokens.get("user");
        return new Accounts(email, (String) user.get("id"), (String) tokens.get("access_token"),
                (String) tokens.get("refresh_token"));
    }

    /** The same user signed in again: a second session with its own tokens. */
    @SuppressWarnings("unchecked")
    Accounts loggedInAgain(WebTestClient gateway) {
        Map<String, Object> tokens = gateway.post()
            .uri("/auth/login")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"email\":\"" + this.email + "\",\"password\":\"" + PASSWORD + "\"}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
        return new Accounts(this.email, this.userId, (String) tokens.get("access_token"),
                (String) tokens.get("refresh_token"));
    }

    /** A client that sends this user's access token. */
    WebTestClient as(WebTestClient gateway) {
        return gateway.mutate().defaultHeaders((headers) -> headers.setBearerAuth(this.accessToken)).build();
    }

}
