package dev.edgeauth.gateway.system;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

import dev.edgeauth.common.management.ManagementPlaneException;
import dev.edgeauth.common.testing.ListeningSockets;
import dev.edgeauth.common.testing.ManagementClient;
import dev.edgeauth.gateway.testing.GatewayInstance;
import dev.edgeauth.gateway.testing.GatewayTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's management port: loopback by default, and behind the operator token when
 * one is set.
 */
class ManagementPlaneTests extends GatewayTestSupport {

    private static final String TOKEN = "gateway-operator-token-0123456789abcdefghij";

    private static final String OLD_TOKEN = "gateway-old-operator-token-0123456789abcdef";

    @Test
    void managementPortWhenDefaultsThenBoundToLoopbackOnly() throws UnknownHostException {
        assertThat(ListeningSockets.boundAddresses(this.managementPort))
            .containsExactly(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void managementPortWhenAddressConfiguredThenBoundThereWithPreviousTokenAccepted() throws UnknownHostException {
        try (GatewayInstance gateway = GatewayInstance.start(standardRoutes(),
                Map.of("management.server.address", "127.0.0.2", "edgeauth.management.operator-token", TOKEN,
                        "edgeauth.management.operator-token-previous", OLD_TOKEN))) {
            assertThat(ListeningSockets.boundAddresses(gateway.managementPort()))
                .containsExactly(InetAddress.getByName("127.0.0.2"));
            ManagementClient management = ManagementClient.of("http://127.0.0.2:" + gateway.managementPort());
            assertThat(management.status(HttpMethod.POST, "/actuator/gateway/refresh", OLD_TOKEN)).isEqualTo(200);
            assertThat(management.status(HttpMethod.POST, "/actuator/gateway/refresh", TOKEN)).isEqualTo(200);
        }
    }

    @Test
    void managementWhenOperatorTokenSetThenStateChangesNeedIt() {
        try (GatewayInstance gateway = GatewayInstance.start(standardRoutes(),
                Map.of("edgeauth.management.operator-token", TOKEN))) {
            ManagementClient management = ManagementClient.of("http://127.0.0.1:" + gateway.managementPort());
            for (String path : new String[] { "/actuator/gateway/refresh", "/actuator/gateway/routes/x",
                    "/actuator/gateway/routes" }) {
                assertThat(management.status(HttpMethod.POST, path, null)).as(path).isEqualTo(401);
                assertThat(management.status(HttpMethod.POST, path, TOKEN + "x")).as(path).isEqualTo(401);
                // The previous token of the other test, no longer configured here.
                assertThat(management.status(HttpMethod.POST, path, OLD_TOKEN)).as(path).isEqualTo(401);
            }
            assertThat(management.status(HttpMethod.DELETE, "/actuator/gateway/routes/api", null)).isEqualTo(401);
            assertThat(management.status(HttpMethod.GET, "/actuator/gateway/routes", null)).isEqualTo(401);
            assertThat(management.status(HttpMethod.GET, "/actuator/info", null)).isEqualTo(401);

            assertThat(management.status(HttpMethod.POST, "/actuator/gateway/refresh", TOKEN)).isEqualTo(200);
            assertThat(management.status(HttpMethod.GET, "/actuator/gateway/routes", TOKEN)).isEqualTo(200);
            // A route write stays refused with the token too.
            assertThat(management.status(HttpMethod.DELETE, "/actuator/gateway/routes/api", TOKEN)).isEqualTo(405);
        }
    }

    @Test
    void managementWhenOperatorTokenSetThenHealthAndPrometheusOpen() {
        try (GatewayInstance gateway = GatewayInstance.start(standardRoutes(), Map
            .of("edgeauth.management.operator-token", TOKEN, "edgeauth.gateway.revocation.url", FEED.baseUrl()))) {
            ManagementClient management = ManagementClient.of("http://127.0.0.1:" + gateway.managementPort());
            // Health is UP once the gateway has read the revocation feed.
            await().atMost(Duration.ofSeconds(10)).until(() -> readiness(gateway.managementPort()) == 200);
            for (String path : new String[] { "/actuator/health", "/actuator/health/readiness",
                    "/actuator/health/liveness", "/actuator/prometheus" }) {
                assertThat(management.status(HttpMethod.GET, path, null)).as(path).isEqualTo(200);
            }
        }
    }

    @Test
    void startWhenManagementAddressNotLoopbackWithoutOperatorTokenThenRefusedWithReason() {
        assertThatExceptionOfType(Exception.class)
            .isThrownBy(() -> GatewayInstance.start(standardRoutes(), Map.of("management.server.address", "0.0.0.0"))
                .close())
            .withRootCauseInstanceOf(ManagementPlaneException.class)
            .havingRootCause()
            .withMessageContaining("not loopback")
            .withMessageContaining("EDGEAUTH_OPERATOR_TOKEN");
    }

}
