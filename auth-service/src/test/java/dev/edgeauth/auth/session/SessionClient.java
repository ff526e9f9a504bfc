package dev.edgeauth.auth.session;

import java.text.ParseException;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Test fixture: the session endpoints as a client calls them, and what token responses
 * hold.
 */
public final class SessionClient {

    public static final String USER_AGENT = "session-tests/1.0";

    private final WebTestClient client;

    public SessionClient(WebTestClient client) {
        this.client = client;
    }

    public WebTestClient.ResponseSpec refresh(String refreshToken) {
        return refresh(refreshToken, "192.0.2.50", USER_AGENT);
    }

    public WebTestClient.ResponseSpec refresh(String refreshToken, String clientIp, String userAgent) {
        return refreshBody("{\"refresh_token\":\"" + refreshToken + "\"}", clientIp, userAgent);
    }

    public WebTestClient.ResponseSpec refreshBody(String json, String clientIp, String userAgent) {
        return this.client.post()
            .uri("/auth/refresh")
            .contentType(MediaType.APPLICATION_JSON)
            .header("X-Forwarded-For", clientIp)
            .header("User-Agent", userAgent)
            .bodyValue(json)
            .exchange();
    }

    /** Refreshes; returns the token response. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> refreshed(String refreshToken) {
        return refresh(refreshToken).expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    public WebTestClient.ResponseSpec logout(String accessToken, @Nullable String scope) {
        return this.client.post()
            .uri((scope != null) ? "/auth/logout?scope=" + scope : "/auth/logout")
            .headers((h) -> h.setBearerAuth(accessToken))
            .exchange();
    }

    public WebTestClient.ResponseSpec logoutByRefreshToken(String refreshToken, @Nullable String scope) {
        return this.client.post()
            .uri((scope != null) ? "/auth/logout?scope=" + scope : "/auth/logout")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"refresh_token\":\"" + refreshToken + "\"}")
            .exchange();
    }

    public WebTestClient.ResponseSpec sessions(String accessToken) {
        return this.client.get().uri("/auth/sessions").headers((h) -> h.setBearerAuth(accessToken)).exchange();
    }

    public WebTestClient.ResponseSpec revoke(String accessToken, String sessionId) {
        return this.client.delete()
            .uri("/auth/sessions/{id}", sessionId)
            .headers((h) -> h.setBearerAuth(accessToken))
            .exchange();
    }

    public static String accessToken(Map<String, Object> tokens) {
        return (String) tokens.get("access_token");
    }

    public static String refreshToken(Map<String, Object> tokens) {
        return (String) tokens.get("refresh_token");
    }

    public static UUID userId(Map<String, Object> tokens) {
        return UUID.fromString((String) ((Map<?, ?>) tokens.get("user")).get("id"));
    }

    /** The session of a token response: its access token's {@code sid}. */
    public static UUID sessionId(Map<String, Object> tokens) {
        try {
            return UUID.fromString(SignedJWT.parse(accessToken(tokens)).getJWTClaimsSet().getStringClaim("sid"));
        }
        catch (ParseException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
