package dev.edgeauth.gateway.ratelimit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.edgeauth.gateway.testing.GatewayInstance;
import dev.edgeauth.gateway.testing.RecordingBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateways sharing a Redis policy on the real Redis at 127.0.0.1:6379 (as CI starts
 * it), with a key prefix of their own per test run.
 */
class SharedRateLimitTests {

    private static final RecordingBackend BACKEND = RecordingBackend.start();

    private static GatewayInstance first;

    private static GatewayInstance second;

    @BeforeAll
    static void startTwoGateways() {
        String routes = """
                rate-limit-policies:
                  - name: shared
                    limit: 4
                    period: 60s
                    key: ip
                    backend: redis
                  - name: shared-short
                    limit: 2
                    period: 1s
                    key: ip
                    backend: redis
                    redis-failure-mode: closed
                routes:
                  - id: shared
                    paths: [/shared/**]
                    uri: http://127.0.0.1:%1$d
                    token-required: false
                    rate-limit-policy: shared
                  - id: shared-short
                    paths: [/short/**]
                    uri: http://127.0.0.1:%1$d
                    token-required: false
                    rate-limit-policy: shared-short
                """.formatted(BACKEND.port());
        Map<String, Object> properties = Map.of("edgeauth.gateway.rate-limit.redis-url", "redis://127.0.0.1:6379",
                "edgeauth.gateway.rate-limit.redis-key-prefix", "edgeauth-test:" + UUID.randomUUID() + ":");
        first = GatewayInstance.start(routes, properties);
        second = GatewayInstance.start(routes, properties);
    }

    @AfterAll
    static void stopGateways() {
        first.close();
        second.close();
    }

    @Test
    void requestWhenTwoGatewaysShareRedisPolicyThenOneWindowCountsBoth() {
        GatewayInstance[] gateways = { first, second };
        for (int remaining = 3; remaining >= 0; remaining--) {
            HttpResponse<String> ok = get(gateways[remaining % 2], "/shared/x");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("RateLimit").orElse(null))
                .matches("\"shared\";r=" + remaining + ";t=\\d+");
        }

        HttpResponse<String> refusedByFirst = get(gateways[0], "/shared/x");
        HttpResponse<String> refusedBySecond = get(gateways[1], "/shared/x");

        assertThat(refusedByFirst.statusCode()).isEqualTo(429);
        assertThat(refusedBySecond.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(refusedBySecond.headers().firstValue("Retry-After").orElse(null))).isBetween(1L, 60L);
        assertThat(refusedBySecond.headers().firstValue("RateLimit-Policy").orElse(null))
            .isEqualTo("\"shared\";q=4;w=60");
        assertThat(BACKEND.requestsTo("/shared")).hasSize(4);
        assertThat(first.bean(RateLimitService.class).redisDown()).isFalse();
    }

    @Test
    void requestWhenRedisWindowRefusesAndClientWaitsRetryAfterThenSucceeds() throws InterruptedException {
        HttpResponse<String> refused = null;
        for (int i = 0; i < 3 && refused == null; i++) {
            HttpResponse<String> result = get((i % 2 == 0) ? first : second, "/short/x");
            if (result.statusCode() == 429) {
                refused = result;
            }
        }
        assertThat(refused).as("third request in a shared 2-per-second window").isNotNull();
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElse(null));

        Thread.sleep(Duration.ofSeconds(retryAfter).toMillis());

        assertThat(get(first, "/short/x").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(GatewayInstance gateway, String path) {
        return gateway.get(path);
    }

}
