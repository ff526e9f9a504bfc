package dev.edgeauth.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

import dev.edgeauth.gateway.testing.GatewayTestSupport;
import dev.edgeauth.gateway.testing.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Limits, 429 answers and the IETF headers through the running gateway, on each kind of
 * route (per IP on a public route, per user on a protected one). The routes and their
 * policies are in {@link GatewayTestSupport#standardRoutes()}.
 */
class RateLimitTests extends GatewayTestSupport {

    @Test
    void requestWhenPerIpLimitReachedThenTooManyRequestsWithRetryAfterAndHeaders() {
        for (int remaining = 2; remaining >= 0; remaining--) {
            EntityExchangeResult<byte[]> ok = get("/limited-ip/x", null);
            assertThat(ok.getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(ok.getResponseHeaders().getFirst("RateLimit-Policy")).isEqualTo("\"ip-limit\";q=3;w=60");
            assertThat(ok.getResponseHeaders().getFirst("RateLimit"))
                .matches("\"ip-limit\";r=" + remaining + ";t=\\d+");
            assertThat(resetSeconds(ok)).isBetween(1L, 60L);
        }

        EntityExchangeResult<byte[]> refused = get("/limited-ip/x", null);

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponseHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(new String(refused.getResponseBody())).contains("\"code\":\"rate_limited\"");
        assertThat(refused.getResponseHeaders().getFirst("RateLimit-Policy")).isEqualTo("\"ip-limit\";q=3;w=60");
        assertThat(refused.getResponseHeaders().getFirst("RateLimit")).matches("\"ip-limit\";r=0;t=\\d+");
        long retryAfter = Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));
        assertThat(retryAfter).isBetween(1L, 60L).isEqualTo(resetSeconds(refused));
        assertThat(BACKEND.requestsTo("/limited-ip")).hasSize(3);
    }

    @Test
    void passwordChangeWhenSixInAMinuteFromOneUserThenTheSixthIsRefusedByPolicyPassword() {
        String user = bearer(TestTokens.valid(KEY).sign());
        for (int remaining = 4; remaining >= 0; remaining--) {
            EntityExchangeResult<byte[]> ok = post("/auth/password", user);
            assertThat(ok.getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(ok.getResponseHeaders().getFirst("RateLimit-Policy")).isEqualTo("\"password\";q=5;w=60");
            assertThat(ok.getResponseHeaders().getFirst("RateLimit"))
                .matches("\"password\";r=" + remaining + ";t=\\d+");
        }

        EntityExchangeResult<byte[]> refused = post("/auth/password", user);

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotNull();
        assertThat(refused.getResponseHeaders().getFirst("RateLimit")).matches("\"password\";r=0;t=\\d+");
        assertThat(BACKEND.requestsTo("/auth/password")).hasSize(5);
    }

    @Test
    void requestWhenPerUserLimitReachedThenOnlyThatUserRefused() {
        String alice = bearer(TestTokens.valid(KEY).sign());
        String bob = bearer(TestTokens.valid(KEY).sign());
        for (int remaining = 2; remaining >= 0; remaining--) {
            EntityExchangeResult<byte[]> ok = get("/limited-user/tasks", alice);
            assertThat(ok.getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(ok.getResponseHeaders().getFirst("RateLimit-Policy")).isEqualTo("\"user-limit\";q=3;w=60");
            assertThat(ok.getResponseHeaders().getFirst("RateLimit"))
                .matches("\"user-limit\";r=" + remaining + ";t=\\d+");
        }

        EntityExchangeResult<byte[]> refused = get("/limited-user/tasks", alice);
        EntityExchangeResult<byte[]> other = get("/limited-user/tasks", bob);

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotNull();
        assertThat(refused.getResponseHeaders().getFirst("RateLimit")).matches("\"user-limit\";r=0;t=\\d+");
        assertThat(other.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(other.getResponseHeaders().getFirst("RateLimit"))
            .isEqualTo("\"user-limit\";r=2;t=" + resetSeconds(other));
    }

    @Test
    void requestWhenRouteNamesTwoPoliciesThenEachCountsInOrderAndHeadersListBoth() {
        String alice = bearer(TestTokens.valid(KEY).sign());
        String bob = bearer(TestTokens.valid(KEY).sign());
        String carol = bearer(TestTokens.valid(KEY).sign());
        for (int remaining = 1; remaining >= 0; remaining--) {
            EntityExchangeResult<byte[]> ok = get("/limited-both/x", alice);
            assertThat(ok.getStatus()).isEqualTo(HttpStatus.OK);
            assertThat(ok.getResponseHeaders().get("RateLimit-Policy"))
                .containsExactly("\"both-ip\";q=4;w=60, \"both-user\";q=2;w=60");
            assertThat(ok.getResponseHeaders().get("RateLimit"))
                .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .matches("\"both-ip\";r=" + (remaining + 2) + ";t=\\d+, \"both-user\";r=" + remaining + ";t=\\d+");
        }

        EntityExchangeResult<byte[]> aliceRefused = get("/limited-both/x", alice);
        EntityExchangeResult<byte[]> bobAllowed = get("/limited-both/x", bob);
        EntityExchangeResult<byte[]> carolRefused = get("/limited-both/x", carol);

        // Alice is over her per-user window; the per-IP one counted her request first.
        assertThat(aliceRefused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(aliceRefused.getResponseHeaders().getFirst("RateLimit"))
            .matches("\"both-ip\";r=1;t=\\d+, \"both-user\";r=0;t=\\d+");
        assertThat(bobAllowed.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(bobAllowed.getResponseHeaders().getFirst("RateLimit"))
            .matches("\"both-ip\";r=0;t=\\d+, \"both-user\";r=1;t=\\d+");
        // The address is over its window: refused before the user is known or counted.
        assertThat(carolRefused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(carolRefused.getResponseHeaders().get("RateLimit-Policy"))
            .containsExactly("\"both-ip\";q=4;w=60, \"both-user\";q=2;w=60");
        assertThat(carolRefused.getResponseHeaders().get("RateLimit")).containsExactly("\"both-ip\";r=0;t="
                + Long.parseLong(carolRefused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)));
        assertThat(BACKEND.requestsTo("/limited-both")).hasSize(3);
    }

    @Test
    void forgedTokensWhenPerIpLimitReachedThenRefusedBeforeTheSignatureIsChecked() {
        // A valid kid with a wrong signature: each costs a full signature check.
        String forged = bearer(TestTokens.valid(KEY).withSignature(new byte[64]));
        for (int i = 0; i < 3; i++) {
            EntityExchangeResult<byte[]> checked = get("/guarded/tasks", forged);
            assertThat(checked.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(checked.getResponseHeaders().getFirst("RateLimit"))
                .matches("\"guard-ip\";r=" + (2 - i) + ";t=\\d+");
        }

        EntityExchangeResult<byte[]> refused = get("/guarded/tasks", forged);

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(new String(refused.getResponseBody())).contains("\"code\":\"rate_limited\"");
        assertThat(refused.getResponseHeaders().getFirst("RateLimit-Policy"))
            .isEqualTo("\"guard-ip\";q=3;w=60, \"api\";q=100;w=1");
        assertThat(BACKEND.requestsTo("/guarded")).isEmpty();
    }

    @Test
    void requestWhenUnauthenticatedOnPerUserRouteThenUnauthorizedWithPolicyHeaderOnly() {
        EntityExchangeResult<byte[]> refused = get("/limited-user/tasks", "Bearer not-a-token");

        assertThat(refused.getStatus()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(refused.getResponseHeaders().getFirst("RateLimit-Policy")).isEqualTo("\"user-limit\";q=3;w=60");
        assertThat(refused.getResponseHeaders().get("RateLimit")).isNull();
    }

    @Test
    void requestWhenBackendDownOnLimitedRouteThenUnavailableCarriesBothHeaders() {
        EntityExchangeResult<byte[]> unavailable = get("/limited-down/x", null);

        assertThat(unavailable.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(unavailable.getResponseHeaders().getFirst("RateLimit-Policy"))
            .isEqualTo("\"ip-errors\";q=1000;w=60");
        assertThat(unavailable.getResponseHeaders().getFirst("RateLimit")).matches("\"ip-errors\";r=\\d+;t=\\d+");
    }

    @Test
    void requestWhenRouteHasNoPolicyThenNoRateLimitHeaders() {
        EntityExchangeResult<byte[]> ok = get("/public/x", null);

        assertThat(ok.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(ok.getResponseHeaders().get("RateLimit-Policy")).isNull();
        assertThat(ok.getResponseHeaders().get("RateLimit")).isNull();
    }

    @Test
    void requestWhenClientWaitsRetryAfterThenSucceeds() throws InterruptedException {
        // The window is real time here (1 s); the unit test covers the same on a test
        // clock.
        EntityExchangeResult<byte[]> refused = null;
        for (int i = 0; i < 3 && refused == null; i++) {
            EntityExchangeResult<byte[]> result = get("/limited-short/x", null);
            if (result.getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
                refused = result;
            }
        }
        assertThat(refused).as("third request in a 2-per-second window").isNotNull();
        long retryAfter = Long.parseLong(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER));

        Thread.sleep(Duration.ofSeconds(retryAfter).toMillis());

        assertThat(get("/limited-short/x", null).getStatus()).isEqualTo(HttpStatus.OK);
    }

    private EntityExchangeResult<byte[]> get(String path, String authorization) {
        return this.client.get().uri(path).headers((headers) -> {
            if (authorization != null) {
                headers.set(HttpHeaders.AUTHORIZATION, authorization);
            }
        }).exchange().expectBody().returnResult();
    }

    private EntityExchangeResult<byte[]> post(String path, String authorization) {
        return this.client.post()
            .uri(path)
            .header(HttpHeaders.AUTHORIZATION, authorization)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"current_password\":\"a\",\"new_password\":\"b\"}")
            .exchange()
            .expectBody()
            .returnResult();
    }

    private static long resetSeconds(EntityExchangeResult<byte[]> result) {
        List<String> values = result.getResponseHeaders().get("RateLimit");
        assertThat(values).hasSize(1);
        return Long.parseLong(values.get(0).replaceAll(".*;t=", ""));
    }

}
