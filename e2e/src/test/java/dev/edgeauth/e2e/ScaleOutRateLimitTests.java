package dev.edgeauth.e2e;

import java.time.Duration;
import java.util.List;

import dev.edgeauth.common.testing.Concurrently;
import dev.edgeauth.e2e.RawHttp.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scale-out: a per-user limit with {@code backend: redis} is one window for the whole
 * fleet. Requests of one user sent at once to both gateways, twice the limit and more,
 * pass exactly the limit in total; the rest get 429 with {@code Retry-After}.
 */
class ScaleOutRateLimitTests {

    private static final int REQUESTS = 2 * ScaleOutStack.SHARED_LIMIT + 4;

    private final ScaleOutStack stack = ScaleOutStack.get();

    @Test
    void perUserLimitSharedThroughRedisPassesExactlyTheLimitAcrossBothGateways() {
        ScaleOutSession ada = ScaleOutSession.signUp(this.stack, RawHttp.from("127.0.12.1"));
        // A gateway connects to Redis on first use; past the 200 ms Redis timeout that
        // first use counts locally (specs/gateway.md). Another user's request on each
        // gateway makes the connection, so the burst meets the shared window only.
        ScaleOutSession warmUp = ScaleOutSession.signUp(this.stack, RawHttp.from("127.0.12.2"));
        for (ServiceProcess gateway : this.stack.gateways()) {
            await("a Redis answer at " + gateway).atMost(Duration.ofSeconds(10))
                .until(() -> gateway.metric("edgeauth_gateway_rate_limit_redis_up") == 1.0 && warmUp.client()
                    .send(gateway.port(), "GET", "/api/limited/warm-up", warmUp.bearer(), null)
                    .status() == 404 && gateway.metric("edgeauth_gateway_rate_limit_redis_up") == 1.0);
        }

        List<Response> answers = Concurrently.run(REQUESTS, (i) -> ada.client()
            .send(this.stack.gateway(1 + (i % 2)).port(), "GET", "/api/limited/" + i, ada.bearer(), null));

        List<Response> passed = answers.stream().filter((answer) -> answer.status() != 429).toList();
        assertThat(passed).as("requests the shared limit let through (the task-service has no such path)")
            .hasSize(ScaleOutStack.SHARED_LIMIT)
            .allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(404));
        assertThat(answers).filteredOn((answer) -> answer.status() == 429)
            .allSatisfy((answer) -> assertThat(answer.headers()).containsKey("retry-after"));
    }

}
