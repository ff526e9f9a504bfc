package dev.edgeauth.auth.account;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

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

    /** A login that sends a device token in {@code Edgeauth-Device}. */
    public WebTestClient.ResponseSpec login(String json, String clientIp, String deviceToken) {
        return this.client.post()
            .uri("/auth/login")
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Forwarded-For", clientIp)
            .header("Edgeauth-Device", deviceToken)
            .bodyValue(json)
            .exchange();
    }

    /** The status of a login (with a device token when one is given). */
    public int loginStatus(String json, String clientIp, @Nullable String deviceToken) {
        WebTestClient.ResponseSpec response = (deviceToken != null) ? login(json, clientIp, deviceToken)
                : login(json, clientIp);
        return response.returnResult(String.class).getStatus().value();
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

    /** Logs in with these credentials from an address; returns the token response. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> loggedInWith(String json, String clientIp) {
        return login(json, clientIp).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
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
