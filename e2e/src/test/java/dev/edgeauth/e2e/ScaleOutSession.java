package dev.edgeauth.e2e;

import java.util.Map;
import java.util.UUID;

import dev.edgeauth.e2e.RawHttp.Response;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test fixture: a user's session in the scale-out stack, made by signing up through
 * HAProxy from the client's own address.
 *
 * @param client the client (its own loopback address)
 * @param email the email
 * @param userId the user id
 * @param accessToken the access token
 * @param refreshToken the refresh token
 */
record ScaleOutSession(RawHttp client, String email, UUID userId, String accessToken, String refreshToken) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Signs a new user up through HAProxy.
     * @param stack the stack
     * @param client the client
     * @return the session
     */
    static ScaleOutSession signUp(ScaleOutStack stack, RawHttp client) {
        String email = "scale-out." + UUID.randomUUID() + "@example.com";
        Response answer = client.send(stack.publicPort(), "POST", "/auth/signup", Map.of(), credentials(email));
        assertThat(answer.status()).as("signup: %s", answer).isEqualTo(201);
        UUID id = UUID.fromString(JSON.readTree(answer.body()).path("user").path("id").asString());
        return new ScaleOutSession(client, email, id, answer.json("access_token"), answer.json("refresh_token"));
    }

    static String credentials(String email) {
        return credentials(email, Accounts.PASSWORD);
    }

    static String credentials(String email, String password) {
        return "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
    }

    static String refreshBody(String refreshToken) {
        return "{\"refresh_token\":\"" + refreshToken + "\"}";
    }

    /** {@code GET /api/tasks} with this session's access token at one port. */
    Response tasks(int port) {
        return this.client.send(port, "GET", "/api/tasks?limit=1", bearer(), null);
    }

    Map<String, String> bearer() {
        return Map.of("Authorization", "Bearer " + this.accessToken);
    }

}
