package dev.edgeauth.gateway.security;

import dev.edgeauth.gateway.testing.GatewayTestSupport;
import dev.edgeauth.gateway.testing.RawHttp;
import dev.edgeauth.gateway.testing.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authenticate stage on protected and public routes.
 */
class AuthenticationTests extends GatewayTestSupport {

    @Test
    void requestWhenNoTokenOnProtectedRouteThenUnauthorizedWithoutErrorCode() {
        this.client.get()
            .uri("/api/tasks")
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("invalid_token");
        assertThat(BACKEND.requests()).isEmpty();
    }

    @Test
    void requestWhenValidTokenThenForwarded() {
        this.client.get()
            .uri("/api/tasks?limit=5")
            .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid(KEY).sign()))
            .exchange()
            .expectStatus()
            .isOk();
        assertThat(BACKEND.requests()).extracting((r) -> r.uri()).containsExactly("/api/tasks?limit=5");
    }

    @Test
    void requestWhenSchemeIsLowerCaseBearerThenAccepted() {
        // RFC 9110 §11.1: the scheme is case-insensitive.
        this.client.get()
            .uri("/api/tasks")
            .header(HttpHeaders.AUTHORIZATION, "bearer " + TestTokens.valid(KEY).sign())
            .exchange()
            .expectStatus()
            .isOk();
    }

    @Test
    void requestWhenTokenExpiredWithinClockSkewThenAccepted() {
        long justExpired = java.time.Instant.now().minusSeconds(30).getEpochSecond();
        this.client.get()
            .uri("/api/tasks")
            .header(HttpHeaders.AUTHORIZATION, bearer(TestTokens.valid(KEY).claim("exp", justExpired).sign()))
            .exchange()
            .expectStatus()
            .isOk();
    }

    @Test
    void requestWhenBasicCredentialsThenUnauthorizedInvalidToken() {
        this.client.get()
            .uri("/api/tasks")
            .header(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwYXNz")
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        assertThat(BACKEND.requests()).isEmpty();
    }

    @Test
    void requestWhenTwoAuthorizationHeadersThenUnauthorized() {
        String token = TestTokens.valid(KEY).sign();
        int status = RawHttp.get(this.port, "/api/tasks", "Authorization: " + bearer(token),
                "authorization: " + bearer(token));
        assertThat(status).isEqualTo(401);
        assertThat(BACKEND.requests()).isEmpty();
    }

    @Test
    void requestWhenTokenInQueryOnlyThenUnauthorized() {
        // RFC 6750 §2.3 is not supported: tokens in URLs end up in logs.
        this.client.get()
            .uri("/api/tasks?access_token=" + TestTokens.valid(KEY).sign())
            .exchange()
            .expectStatus()
            .isUnauthorized();
    }

    @Test
    void requestWhenPublicRouteWithoutTokenThenForwarded() {
        this.client.get().uri("/public/hello").exchange().expectStatus().isOk();
        assertThat(BACKEND.requests()).hasSize(1);
    }

    @Test
    void requestWhenHeaderLargerThanServerLimitThenRefusedWithoutReachingBackend() {
        String huge = TestTokens.valid(KEY).claim("pad", "x".repeat(20_000)).sign();
        int status = RawHttp.get(this.port, "/api/tasks", "Authorization: " + bearer(huge));
        assertThat(status).isEqualTo(431);
        assertThat(BACKEND.requests()).isEmpty();
    }

}
