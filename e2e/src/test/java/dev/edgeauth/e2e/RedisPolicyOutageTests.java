package dev.edgeauth.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.edgeauth.common.testing.RedisServerProcess;
import dev.edgeauth.e2e.RawHttp.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis stops under a gateway whose limits are shared through it
 * ({@code backend: redis}): each route does what its policy's {@code redis-failure-mode}
 * says. The {@code api} policy ({@code closed}) refuses with 503 {@code unavailable} and
 * {@code Retry-After}, answered at once; the {@code refresh} policy ({@code local}, the
 * default) keeps limiting in the gateway's memory, up to its limit. When Redis is back
 * the same session is served again with no restart. The test runs a {@code redis-server}
 * of its own and a gateway of its own in front of the stack's services.
 */
class RedisPolicyOutageTests {

    /** Far above the 200 ms Redis timeout: a request never waits for Redis long. */
    private static final Duration UNAVAILABLE_BOUND = Duration.ofSeconds(2);

    /** One retry a second ({@code redis-retry-interval}) and a margin. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);

    private static final int REFRESH_LIMIT = 3;

    private static final String ROUTES = """
            rate-limit-policies:
              - name: refresh
                limit: %d
                period: 60s
                key: ip
                backend: redis
              - name: api
                limit: 100
                period: 1s
                key: user
                backend: redis
                redis-failure-mode: closed
            routes:
              - id: auth-refresh
                paths: [/auth/refresh]
                uri: ${edgeauth.gateway.auth-url}
                token-required: false
                rate-limit-policy: refresh
              - id: auth
                paths: [/auth/**]
                uri: ${edgeauth.gateway.auth-url}
                token-required: false
                forward-authorization: true
              - id: api
                paths: [/api/**]
                uri: ${edgeauth.gateway.task-url}
                token-required: true
                rate-limit-policy: api
            """.formatted(REFRESH_LIMIT);

    private final Stack stack = Stack.get();

    @Test
    void routesWhenRedisStopsThenEachFollowsItsFailureModeAndTheSessionResumesWhenRedisReturns() {
        Accounts ada = Accounts.signUp(this.stack.client());
        RawHttp client = RawHttp.from("127.0.0.90");
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + ada.accessToken());
        try (RedisServerProcess redis = RedisServerProcess.onFreePort()) {
            redis.start();
            ServiceProcess edge = this.stack.otherGateway("gateway-redis",
                    Map.of("EDGEAUTH_ROUTES_FILE", routesFile().toString(), "EDGEAUTH_REDIS_URL", redis.url(),
                            "EDGEAUTH_REDIS_KEY_PREFIX", "e2e-" + UUID.randomUUID() + ":"));
            long logMark = 0;
            try {
                edge.start();
                edge.awaitReady();
                assertThat(client.send(edge.port(), "GET", "/api/tasks", bearer, null).status())
                    .as("/api/tasks with Redis up")
                    .isEqualTo(200);
                logMark = edge.logLength();

                redis.stop();
                for (int attempt = 1; attempt <= 3; attempt++) {
                    long started = System.nanoTime();
                    Response refused = client.send(edge.port(), "GET", "/api/tasks", bearer, null);
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    assertThat(refused.isUnavailable()).as("api (closed) with Redis down: %s", refused).isTrue();
                    assertThat(took).as("api (closed) answered in").isLessThan(UNAVAILABLE_BOUND);
                }
                assertThat(refreshesUntilRefused(client, edge, ada.refreshToken()))
                    .as("refresh (local) with Redis down: counted in the gateway's memory up to its limit")
                    .isEqualTo(REFRESH_LIMIT);
                assertThat(edge.metric("edgeauth_gateway_rate_limit_redis_up")).as("redis up gauge").isZero();

                redis.start();
                await("the api route served again once Redis is back").atMost(RECOVERY_BOUND)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> client.send(edge.port(), "GET", "/api/tasks", bearer, null).status() == 200);
                assertThat(edge.metric("edgeauth_gateway_rate_limit_redis_up")).as("redis up gauge").isOne();
            }
            finally {
                edge.stop();
            }
            String log = edge.logSince(logMark);
            assertThat(occurrences(log, "reason_id=rate_limit_redis_unavailable")).as("outage logged once").isOne();
            assertThat(occurrences(log, "reason_id=rate_limit_redis_recovered")).as("recovery logged once").isOne();
            assertThat(edge.errorsLoggedSince(logMark)).as("ERROR lines").isEmpty();
        }
    }

    // Rotations of one session until the first that is not a 200, which must be the
    // limit's 429.
    private static int refreshesUntilRefused(RawHttp client, ServiceProcess edge, String refreshToken) {
        List<Response> answers = new ArrayList<>();
        String token = refreshToken;
        for (int n = 0; n <= REFRESH_LIMIT; n++) {
            Response answer = client.send(edge.port(), "POST", "/auth/refresh", Map.of(),
                    "{\"refresh_token\":\"" + token + "\"}");
            answers.add(answer);
            if (answer.status() != 200) {
                assertThat(answer.status()).as("the refresh past the limit: %s", answer).isEqualTo(429);
                assertThat(answer.headers()).as("429 headers").containsKey("retry-after");
                return n;
            }
            token = answer.json("refresh_token");
        }
        throw new AssertionError("No refresh refused: " + answers);
    }

    private static Path routesFile() {
        try {
            Path file = Files.createTempFile(Path.of("target"), "routes-redis", ".yaml");
            Files.writeString(file, ROUTES);
            return file.toAbsolutePath();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

}
