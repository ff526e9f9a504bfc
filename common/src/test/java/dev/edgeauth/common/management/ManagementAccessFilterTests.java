package dev.edgeauth.common.management;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.edgeauth.common.problem.ProblemResponseWriter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which management paths need which credential.
 */
class ManagementAccessFilterTests {

    private static final String OPERATOR = "operator-secret-0123456789abcdefghijklmnop";

    private static final String FEED = "feed-secret-0123456789abcdefghijklmnopqrstu";

    private final ManagementAccessFilter filter = new ManagementAccessFilter("/actuator",
            BearerCredential.of("EDGEAUTH_OPERATOR_TOKEN", OPERATOR, null),
            List.of(new ManagementAccessRule("/internal/revocations",
                    BearerCredential.of("EDGEAUTH_FEED_TOKEN", FEED, null), "feed token")),
            new ProblemResponseWriter(ServerCodecConfigurer.create()));

    @Test
    void filterWhenHealthOrPrometheusThenOpen() {
        for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness",
                "/actuator/prometheus")) {
            assertThat(passes(MockServerHttpRequest.get(path), null)).as(path).isTrue();
        }
    }

    @Test
    void filterWhenOtherEndpointWithoutOperatorTokenThenUnauthorized() {
        for (String path : List.of("/actuator", "/actuator/info", "/actuator/admins", "/actuator/gateway/refresh",
                "/actuator/healthz", "/actuator/prometheusx", "/other")) {
            MockServerWebExchange exchange = exchange(MockServerHttpRequest.post(path), null);
            assertThat(passes(exchange)).as(path).isFalse();
            assertThat(exchange.getResponse().getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        }
    }

    @Test
    void filterWhenOperatorTokenThenPasses() {
        assertThat(passes(MockServerHttpRequest.post("/actuator/admins"), OPERATOR)).isTrue();
    }

    @Test
    void filterWhenWrongTokenThenUnauthorizedWithInvalidTokenError() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/actuator/admins"), OPERATOR + "x");
        assertThat(passes(exchange)).isFalse();
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
            .isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void filterWhenFeedPathThenOnlyTheFeedTokenOpensIt() {
        assertThat(passes(MockServerHttpRequest.get("/internal/revocations"), FEED)).isTrue();
        assertThat(passes(MockServerHttpRequest.get("/internal/revocations/stream"), FEED)).isTrue();
        assertThat(passes(MockServerHttpRequest.get("/internal/revocations"), OPERATOR)).isFalse();
        assertThat(passes(MockServerHttpRequest.get("/internal/revocations"), null)).isFalse();
    }

    @Test
    void filterWhenFeedTokenOnAnotherEndpointThenUnauthorized() {
        assertThat(passes(MockServerHttpRequest.post("/actuator/signingkeys"), FEED)).isFalse();
        assertThat(passes(MockServerHttpRequest.get("/internal/revocationsx"), FEED)).isFalse();
    }

    @Test
    void filterWhenPathNotPlainThenNotFoundWhateverTheToken() {
        for (String path : List.of("/actuator/health/../admins", "/actuator/health/%2e%2e/admins",
                "/internal/revocations/../../actuator/admins", "/actuator/health;x=1", "/actuator//admins",
                "/actuator/health/")) {
            MockServerWebExchange exchange = exchange(MockServerHttpRequest.method(HttpMethod.GET, URI.create(path)),
                    FEED);
            assertThat(passes(exchange)).as(path).isFalse();
            assertThat(exchange.getResponse().getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void filterWhenNoCredentialConfiguredThenOpen() {
        ManagementAccessFilter open = new ManagementAccessFilter("/actuator", null,
                List.of(new ManagementAccessRule("/internal/revocations", null, "feed token")),
                new ProblemResponseWriter(ServerCodecConfigurer.create()));
        for (String path : List.of("/actuator/admins", "/internal/revocations")) {
            MockServerWebExchange exchange = exchange(MockServerHttpRequest.post(path), null);
            AtomicBoolean passed = new AtomicBoolean();
            StepVerifier.create(open.filter(exchange, (e) -> Mono.fromRunnable(() -> passed.set(true))))
                .verifyComplete();
            assertThat(passed).as(path).isTrue();
        }
    }

    @Test
    void filterWhenSentByWebPageThenForbiddenEvenWithTheToken() {
        MockServerWebExchange withOrigin = exchange(
                MockServerHttpRequest.post("/actuator/admins").header(HttpHeaders.ORIGIN, "https://evil.example"),
                OPERATOR);
        assertThat(passes(withOrigin)).isFalse();
        assertThat(withOrigin.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        for (String site : List.of("cross-site", "same-site", "same-origin")) {
            MockServerWebExchange fetched = exchange(
                    MockServerHttpRequest.post("/actuator/signingkeys").header("Sec-Fetch-Site", site), OPERATOR);
            assertThat(passes(fetched)).as(site).isFalse();
            assertThat(fetched.getResponse().getStatusCode()).as(site).isEqualTo(HttpStatus.FORBIDDEN);
        }
    }

    @Test
    void filterWhenTypedIntoBrowserThenPasses() {
        assertThat(passes(MockServerHttpRequest.get("/actuator/admins").header("Sec-Fetch-Site", "none"), OPERATOR))
            .isTrue();
    }

    @Test
    void filterWhenNoCredentialAndHostIsANameThenForbidden() {
        ManagementAccessFilter open = new ManagementAccessFilter("/actuator", null, List.of(),
                new ProblemResponseWriter(ServerCodecConfigurer.create()));
        // DNS rebinding: the attacker's name now points at 127.0.0.1, the browser sends
        // it.
        MockServerWebExchange rebound = MockServerWebExchange
            .from(MockServerHttpRequest.post("/actuator/admins").header(HttpHeaders.HOST, "evil.example:9100"));
        StepVerifier.create(open.filter(rebound, (e) -> Mono.error(new AssertionError("passed")))).verifyComplete();
        assertThat(rebound.getResponse().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        for (String host : List.of("localhost:9100", "127.0.0.1:9100", "[::1]:9100", "LOCALHOST")) {
            AtomicBoolean passed = new AtomicBoolean();
            MockServerWebExchange local = MockServerWebExchange
                .from(MockServerHttpRequest.post("/actuator/admins").header(HttpHeaders.HOST, host));
            StepVerifier.create(open.filter(local, (e) -> Mono.fromRunnable(() -> passed.set(true)))).verifyComplete();
            assertThat(passed).as(host).isTrue();
        }
    }

    @Test
    void filterWhenCredentialConfiguredThenHostNamesAreFine() {
        assertThat(passes(MockServerHttpRequest.post("/actuator/admins").header(HttpHeaders.HOST, "auth-service:9100"),
                OPERATOR))
            .isTrue();
    }

    private boolean passes(MockServerHttpRequest.BaseBuilder<?> request, @Nullable String token) {
        return passes(exchange(request, token));
    }

    private boolean passes(MockServerWebExchange exchange) {
        AtomicBoolean passed = new AtomicBoolean();
        StepVerifier.create(this.filter.filter(exchange, (e) -> Mono.fromRunnable(() -> passed.set(true))))
            .verifyComplete();
        return passed.get();
    }

    private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request,
            @Nullable String token) {
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, BearerCredential.authorization(token));
        }
        return MockServerWebExchange.from(request);
    }

}
