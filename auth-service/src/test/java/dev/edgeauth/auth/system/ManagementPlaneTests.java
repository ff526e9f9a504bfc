package dev.edgeauth.auth.system;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import dev.edgeauth.auth.AuthServiceApplication;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.common.management.ManagementPlaneException;
import dev.edgeauth.common.testing.ListeningSockets;
import dev.edgeauth.common.testing.ManagementClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auth-service's management port: loopback by default, the operator token on every
 * endpoint but health and Prometheus, and the feed behind its own token.
 */
@AuthServiceIntegrationTest
class ManagementPlaneTests {

    private static final String OPERATOR = "auth-operator-token-0123456789abcdefghijklm";

    private static final String OLD_OPERATOR = "auth-old-operator-token-0123456789abcdefghi";

    private static final String FEED = "auth-feed-token-0123456789abcdefghijklmnopq";

    @LocalManagementPort
    private int managementPort;

    @Test
    void managementPortWhenDefaultsThenBoundToLoopbackOnly() throws UnknownHostException {
        assertThat(ListeningSockets.boundAddresses(this.managementPort))
            .containsExactly(InetAddress.getByName("127.0.0.1"));
    }

    @Test
    void managementPortWhenAddressConfiguredThenBoundThereWithPreviousTokenAccepted() throws UnknownHostException {
        try (ConfigurableApplicationContext context = start("--management.server.address=127.0.0.2",
                "--edgeauth.management.operator-token=" + OPERATOR,
                "--edgeauth.management.operator-token-previous=" + OLD_OPERATOR)) {
            int port = managementPort(context);
            assertThat(ListeningSockets.boundAddresses(port)).containsExactly(InetAddress.getByName("127.0.0.2"));
            ManagementClient management = ManagementClient.of("http://127.0.0.2:" + port);
            assertThat(management.status(HttpMethod.GET, "/actuator/admins", OLD_OPERATOR)).isEqualTo(200);
            assertThat(management.status(HttpMethod.GET, "/actuator/admins", OPERATOR)).isEqualTo(200);
        }
    }

    @Test
    void managementWhenTokensSetThenEachEndpointNeedsItsOwn() {
        try (ConfigurableApplicationContext context = start("--edgeauth.management.operator-token=" + OPERATOR,
                "--edgeauth.revocation.feed.token=" + FEED)) {
            ManagementClient management = ManagementClient.of("http://127.0.0.1:" + managementPort(context));
            List<String> refused = new ArrayList<>();
            // State-changing endpoints (and reads that list people or keys) without the
            // operator token, with a wrong one, with the previous one no longer set, and
            // with the feed token.
            for (String token : new String[] { null, OPERATOR + "x", OLD_OPERATOR, FEED }) {
                refused.add(management.status(HttpMethod.POST, "/actuator/admins", token) + " POST admins " + token);
                refused.add(management.status(HttpMethod.DELETE, "/actuator/admins?email=a@example.com", token)
                        + " DELETE admins " + token);
                refused.add(management.status(HttpMethod.POST, "/actuator/signingkeys", token) + " POST keys " + token);
                refused.add(management.status(HttpMethod.GET, "/actuator/admins", token) + " GET admins " + token);
                refused.add(management.status(HttpMethod.GET, "/actuator/signingkeys", token) + " GET keys " + token);
            }
            assertThat(refused).allMatch((line) -> line.startsWith("401 "));
            // The feed: its own token only.
            assertThat(management.status(HttpMethod.GET, "/internal/revocations", null)).isEqualTo(401);
            assertThat(management.status(HttpMethod.GET, "/internal/revocations", OPERATOR)).isEqualTo(401);
            assertThat(management.status(HttpMethod.GET, "/internal/revocations", FEED)).isEqualTo(200);
            // Health and metrics: open.
            for (String path : new String[] { "/actuator/health", "/actuator/health/readiness",
                    "/actuator/health/liveness", "/actuator/prometheus" }) {
                assertThat(management.status(HttpMethod.GET, path, null)).as(path).isEqualTo(200);
            }
            // With the operator token.
            assertThat(management.status(HttpMethod.GET, "/actuator/admins", OPERATOR)).isEqualTo(200);
            assertThat(management.status(HttpMethod.POST, "/actuator/signingkeys", OPERATOR)).isEqualTo(200);
        }
    }

    @Test
    void startWhenManagementAddressNotLoopbackWithoutTokensThenRefusedNamingBoth() {
        assertThatExceptionOfType(Exception.class)
            .isThrownBy(() -> start("--management.server.address=0.0.0.0").close())
            .havingRootCause()
            .isInstanceOf(ManagementPlaneException.class)
            .withMessageContaining("not loopback")
            .withMessageContaining("EDGEAUTH_FEED_TOKEN and EDGEAUTH_OPERATOR_TOKEN are not set");
    }

    @Test
    void startWhenManagementAddressNotLoopbackWithoutFeedTokenThenRefusedNamingIt() {
        assertThatExceptionOfType(Exception.class)
            .isThrownBy(() -> start("--management.server.address=0.0.0.0",
                    "--edgeauth.management.operator-token=" + OPERATOR)
                .close())
            .havingRootCause()
            .isInstanceOf(ManagementPlaneException.class)
            .withMessageContaining("EDGEAUTH_FEED_TOKEN is not set");
    }

    @Test
    void startWhenLazyInitializationThenTheAddressCheckStillRuns() {
        assertThatExceptionOfType(Exception.class)
            .isThrownBy(() -> start("--spring.main.lazy-initialization=true", "--management.server.address=0.0.0.0")
                .close())
            .havingRootCause()
            .isInstanceOf(ManagementPlaneException.class)
            .withMessageContaining("not loopback");
    }

    @Test
    void startWhenFeedTokenIsTheOperatorTokenThenRefused() {
        assertThatExceptionOfType(Exception.class)
            .isThrownBy(() -> start("--edgeauth.management.operator-token=" + OPERATOR,
                    "--edgeauth.revocation.feed.token=" + OPERATOR)
                .close())
            .havingRootCause()
            .isInstanceOf(ManagementPlaneException.class)
            .withMessageContaining("EDGEAUTH_FEED_TOKEN is the same secret as EDGEAUTH_OPERATOR_TOKEN")
            .withMessageNotContaining(OPERATOR);
    }

    private static ConfigurableApplicationContext start(String... more) {
        // Arguments, not default properties: application.yaml's ports would win over
        // those.
        List<String> args = new ArrayList<>(
                List.of("--edgeauth.database.schema=auth_management", "--server.port=0", "--management.server.port=0"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(AuthServiceApplication.class).run(args.toArray(String[]::new));
    }

    private static int managementPort(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
    }

}
