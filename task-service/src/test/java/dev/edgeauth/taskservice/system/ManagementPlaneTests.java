package dev.edgeauth.taskservice.system;

import java.net.InetAddress;
import java.net.UnknownHostException;

import dev.edgeauth.common.testing.ListeningSockets;
import dev.edgeauth.common.testing.ManagementClient;
import dev.edgeauth.taskservice.TaskServiceApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task-service's management port: loopback by default, the configured address when
 * set, the operator token on everything but health and Prometheus when set. Its port
 * changes nothing, so off loopback without a token it starts (with a warning).
 */
class ManagementPlaneTests {

    private static final String TOKEN = "task-operator-token-0123456789abcdefghijklm";

    @Test
    void managementPortWhenDefaultsThenBoundToLoopbackOnly() throws UnknownHostException {
        try (ConfigurableApplicationContext service = start()) {
            assertThat(ListeningSockets.boundAddresses(managementPort(service)))
                .containsExactly(InetAddress.getByName("127.0.0.1"));
        }
    }

    @Test
    void managementPortWhenAddressConfiguredThenBoundThereAndInfoNeedsTheToken() throws UnknownHostException {
        try (ConfigurableApplicationContext service = start("--management.server.address=127.0.0.2",
                "--edgeauth.management.operator-token=" + TOKEN)) {
            int port = managementPort(service);
            assertThat(ListeningSockets.boundAddresses(port)).containsExactly(InetAddress.getByName("127.0.0.2"));
            ManagementClient management = ManagementClient.of("http://127.0.0.2:" + port);
            assertThat(management.status(HttpMethod.GET, "/actuator/info", null)).isEqualTo(401);
            assertThat(management.status(HttpMethod.GET, "/actuator/info", TOKEN)).isEqualTo(200);
            assertThat(management.status(HttpMethod.GET, "/actuator/health/readiness", null)).isEqualTo(200);
            assertThat(management.status(HttpMethod.GET, "/actuator/prometheus", null)).isEqualTo(200);
        }
    }

    @Test
    void startWhenManagementAddressNotLoopbackWithoutTokenThenStarts() {
        // The warning itself (reason management_open_off_loopback):
        // ManagementAddressCheckTests.
        try (ConfigurableApplicationContext service = start("--management.server.address=0.0.0.0")) {
            // Every interface: 0.0.0.0, or :: when the JVM binds dual-stack.
            assertThat(ListeningSockets.boundAddresses(managementPort(service))).singleElement()
                .matches(InetAddress::isAnyLocalAddress);
        }
    }

    private static ConfigurableApplicationContext start(String... more) {
        String[] args = new String[2 + more.length];
        args[0] = "--server.port=0";
        args[1] = "--management.server.port=0";
        System.arraycopy(more, 0, args, 2, more.length);
        return new SpringApplicationBuilder(TaskServiceApplication.class).run(args);
    }

    private static int managementPort(ConfigurableApplicationContext service) {
        return service.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
    }

}
