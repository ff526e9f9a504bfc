package dev.edgeauth.e2e;

import dev.edgeauth.common.testing.ManagementClient;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

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
        ManagementClient auth = management(this.stack.authService());
        assertThat(auth.status(HttpMethod.GET, "/internal/revocations", null)).isEqualTo(401);
        assertThat(auth.status(HttpMethod.GET, "/internal/revocations/stream", null)).isEqualTo(401);
        assertThat(auth.status(HttpMethod.GET, "/internal/revocations", Stack.OPERATOR_TOKEN)).isEqualTo(401);
        assertThat(auth.status(HttpMethod.GET, "/internal/revocations", Stack.FEED_TOKEN)).isEqualTo(200);
    }

    @Test
    void operatorEndpointsWhenCalledWithoutOperatorTokenThenUnauthorized() {
        ManagementClient auth = management(this.stack.authService());
        ManagementClient gateway = management(this.stack.gateway());
        assertThat(auth.status(HttpMethod.POST, "/actuator/signingkeys", null)).isEqualTo(401);
        assertThat(auth.status(HttpMethod.GET, "/actuator/admins", Stack.FEED_TOKEN)).isEqualTo(401);
        assertThat(gateway.status(HttpMethod.POST, "/actuator/gateway/refresh", null)).isEqualTo(401);
        assertThat(auth.status(HttpMethod.GET, "/actuator/admins", Stack.OPERATOR_TOKEN)).isEqualTo(200);
        assertThat(gateway.status(HttpMethod.POST, "/actuator/gateway/refresh", Stack.OPERATOR_TOKEN)).isEqualTo(200);
    }

    @Test
    void healthWhenCalledWithoutTokenThenAnswersOnEveryService() {
        for (ServiceProcess service : new ServiceProcess[] { this.stack.gateway(), this.stack.authService(),
                this.stack.taskService() }) {
            assertThat(management(service).status(HttpMethod.GET, "/actuator/health/readiness", null)).isEqualTo(200);
        }
    }

    private static ManagementClient management(ServiceProcess service) {
        return ManagementClient.of(service.managementUrl());
    }

}
