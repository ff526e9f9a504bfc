package dev.edgeauth.e2e;

import dev.edgeauth.common.testing.WholeResponseConnector;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged services with their management ports closed as an operator deploys them
 * (operator and feed tokens set): the feed answers only the feed token, the operator's
 * endpoints only the operator token, and the gateway, which sends the feed token, keeps
 * enforcing logouts ({@link LogoutPropagationTests} runs on this same stack).
 */
class ManagementPlaneTests {

    private final Stack stack = Stack.get();

    @Test
    void feedWhenCalledWithoutFeedTokenThenUnauthorized() {
        WebTestClient auth = management(this.stack.authService());
        assertThat(status(auth, HttpMethod.GET, "/internal/revocations", null)).isEqualTo(401);
        assertThat(status(auth, HttpMethod.GET, "/internal/revocations/stream", null)).isEqualTo(401);
        assertThat(status(auth, HttpMethod.GET, "/internal/revocations", Stack.OPERATOR_TOKEN)).isEqualTo(401);
        assertThat(status(auth, HttpMethod.GET, "/internal/revocations", Stack.FEED_TOKEN)).isEqualTo(200);
    }

    @Test
    void operatorEndpointsWhenCalledWithoutOperatorTokenThenUnauthorized() {
        WebTestClient auth = management(this.stack.authService());
        WebTestClient gateway = management(this.stack.gateway());
        assertThat(status(auth, HttpMethod.POST, "/actuator/signingkeys", null)).isEqualTo(401);
        assertThat(status(auth, HttpMethod.GET, "/actuator/admins", Stack.FEED_TOKEN)).isEqualTo(401);
        assertThat(status(gateway, HttpMethod.POST, "/actuator/gateway/refresh", null)).isEqualTo(401);
        assertThat(status(auth, HttpMethod.GET, "/actuator/admins", Stack.OPERATOR_TOKEN)).isEqualTo(200);
        assertThat(status(gateway, HttpMethod.POST, "/actuator/gateway/refresh", Stack.OPERATOR_TOKEN)).isEqualTo(200);
    }

    @Test
    void healthWhenCalledWithoutTokenThenAnswersOnEveryService() {
        for (ServiceProcess service : new ServiceProcess[] { this.stack.gateway(), this.stack.authService(),
                this.stack.taskService() }) {
            assertThat(status(management(service), HttpMethod.GET, "/actuator/health/readiness", null)).isEqualTo(200);
        }
    }

    private static WebTestClient management(ServiceProcess service) {
        return WholeResponseConnector.bindToServer(service.managementUrl()).build();
    }

    private static int status(WebTestClient client, HttpMethod method, String path, @Nullable String token) {
        return client.method(method).uri(path).headers((headers) -> {
            if (token != null) {
                headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            }
        }).exchange().returnResult(Void.class).getStatus().value();
    }

}
