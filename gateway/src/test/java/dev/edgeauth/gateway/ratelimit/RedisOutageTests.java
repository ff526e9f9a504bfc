package dev.edgeauth.gateway.ratelimit;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.edgeauth.gateway.testing.GatewayInstance;
import dev.edgeauth.gateway.testing.RecordingBackend;
import dev.edgeauth.common.testing.RedisServerProcess;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis policies while their Redis is down and when it returns. The test runs its own
 * {@code redis-server} on a free port and stops only that one.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisOutageTests {

    private static final RecordingBackend BACKEND = RecordingBackend.start();

    private static final Duration RECOVERY = Duration.ofSeconds(10);

    private final RedisServerProcess redis = RedisServerProcess.onFreePort();

    private GatewayInstance gateway;

    @BeforeEach
    void startGatewayWithRedisDown() {
        String routes = """
                rate-limit-policies:
                  - name: fallback-local
                    limit: 3
                    period: 60s
                    key: ip
                    backend: redis
                  - name: fail-closed
                    limit: 1000
                    period: 60s
                    key: ip
                    backend: redis
                    redis-failure-mode: closed
                routes:
                  - id: fallback-local
                    paths: [/fallback-local/**]
                    uri: http://127.0.0.1:%1$d
                    token-required: false
                    rate-limit-policy: fallback-local
                  - id: fail-closed
                    paths: [/fail-closed/**]
                    uri: http://127.0.0.1:%1$d
                    token-required: false
                    rate-limit-policy: fail-closed
                """.formatted(BACKEND.port());
        // Redis is not running yet: the gateway must start anyway.
        this.gateway = GatewayInstance.start(routes, Map.of("edgeauth.gateway.rate-limit.redis-url", this.redis.url(),
                "edgeauth.gateway.rate-limit.redis-retry-interval", "200ms", "logging.level.reactor.netty.http.server",
                "DEBUG", "logging.level.org.springframework.web.server.adapter", "DEBUG"));
    }

    @AfterEach
    void stop() {
        this.gateway.close();
        this.redis.stop();
    }

    @Test
    void requestWhenRedisDownThenFailureModeAppliesLoggedOnceAndNeverServerError(CapturedOutput output) {
        HttpResponse<String> closed = get("/fail-closed/x");
        assertThat(closed.statusCode()).isEqualTo(503);
        assertThat(closed.body()).contains("\"code\":\"unavailable\"");
        assertThat(closed.headers().firstValue("Retry-After").orElse(null)).isEqualTo("5");
        assertThat(closed.headers().firstValue("RateLimit-Policy").orElse(null))
            .isEqualTo("\"fail-closed\";q=1000;w=60");

        // local mode: still limited, by this gateway's own window.
        for (int remaining = 2; remaining >= 0; remaining--) {
            HttpResponse<String> ok = get("/fallback-local/x");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("RateLimit").orElse(null))
                .matches("\"fallback-local\";r=" + remaining + ";t=\\d+");
        }
        assertThat(get("/fallback-local/x").statusCode()).isEqualTo(429);
        for (int i = 0; i < 20; i++) {
            assertThat(get("/fail-closed/x").statusCode()).isEqualTo(503);
        }

        assertThat(outages()).isEqualTo(1.0);
        assertThat(occurrences(output.getOut(), "reason_id=rate_limit_redis_unavailable")).isEqualTo(1);
        assertThat(meters().get("edgeauth.gateway.rate_limit.redis.fallbacks").tag("mode", "closed").counter().count())
            .isGreaterThanOrEqualTo(21);
    }

    @Test
    void requestWhenRedisReturnsThenSharedLimitsResumeAndSecondOutageDetected(CapturedOutput output) {
        assertThat(get("/fail-closed/x").statusCode()).isEqualTo(503);

        this.redis.start();

        await().atMost(RECOVERY).until(() -> get("/fail-closed/x").statusCode() == 200);
        assertThat(meters().get("edgeauth.gateway.rate_limit.redis.up").gauge().value()).isEqualTo(1.0);
        assertThat(output.getOut()).contains("reason_id=rate_limit_redis_recovered");

        // A connection that was made and is lost: the same failure mode, counted again.
        this.redis.stop();
        await().atMost(RECOVERY).until(() -> get("/fail-closed/x").statusCode() == 503);
        assertThat(outages()).isEqualTo(2.0);
        assertThat(get("/fallback-local/x").statusCode()).isEqualTo(200);

        this.redis.start();
        await().atMost(RECOVERY).until(() -> get("/fail-closed/x").statusCode() == 200);
    }

    private HttpResponse<String> get(String path) {
        return this.gateway.get(path);
    }

    private MeterRegistry meters() {
        return this.gateway.bean(MeterRegistry.class);
    }

    private double outages() {
        return meters().get("edgeauth.gateway.rate_limit.redis.outages").counter().count();
    }

    private static int occurrences(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

}
