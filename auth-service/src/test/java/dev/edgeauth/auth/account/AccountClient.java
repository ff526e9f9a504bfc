package dev.edgeauth.auth.account;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Test fixture: the account endpoints as a client calls them, and fresh emails and strong
 * passwords.
 */
public final class AccountClient {

    public static final String PASSWORD = "correct horse battery staple";

    private static final AtomicInteger sequence = new AtomicInteger();

    private final WebTestClient client;

    public AccountClient(WebTestClient client) {
        this.client = client;
    }

    public static String newEmail() {
        return "user" + sequence.incrementAndGet() + "." + System.nanoTime() + "@example.com";
    }

    public static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    public WebTestClient.ResponseSpec signup(String json) {
        return this.client.post()
            .uri("/auth/signup")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(json)
            .exchange();
    }

    public WebTestClient.ResponseSpec login(String json, String clientIp) {
        return this.client.post()
            .uri("/auth/login")
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Forwarded-For", clientIp)
            .bodyValue(json)
            .exchange();
    }

    public WebTestClient.ResponseSpec me(String accessToken) {
        return this.client.get().uri("/auth/me").headers((h) -> h.setBearerAuth(accessToken)).exchange();
    }

    /** Signs a new user up; returns the token response. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> signedUp(String email) {
        return signup(credentials(email, PASSWORD)).expectStatus()
            .isCreated()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    }

    /** Logs in from an address; returns the token response. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> loggedIn(String email, String clientIp) {
        return login(credentials(email, PASSWORD), clientIp).expectStatus()
            .isOk()
            .expectBody(Map.class)
            .returnResult()
            .getResponseBody();
    }

}
