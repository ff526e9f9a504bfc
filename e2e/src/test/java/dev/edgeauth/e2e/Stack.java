package dev.edgeauth.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.edgeauth.common.testing.WholeResponseConnector;

import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;

/**
 * The whole stack, started once per test JVM from the jars the build just packaged:
 * task-service, auth-service and the gateway in front of them, each on free ports and its
 * own throw-away embedded PostgreSQL. Tests talk to the gateway only, like a client,
 * except where they stop a service.
 */
final class Stack {

    /** The operator token of this throw-away stack (every service's management port). */
    static final String OPERATOR_TOKEN = "e2e-operator-token-0123456789abcdefghijklmnop";

    /** The revocation feed token of this throw-away stack (auth-service and gateway). */
    static final String FEED_TOKEN = "e2e-feed-token-0123456789abcdefghijklmnopqrstu";

    /**
     * The key-encryption key of this throw-away stack: the auth-service seals its signing
     * keys with it, and a test that needs the real signing key opens them with it.
     */
    static final String KEK = "vXJ3n3hM9m0cQhW2xJm3vEo7Wc1M3t8ZkQ4aP0yR2sU=";

    private static Stack instance;

    private final ServiceProcess taskService;

    private final ServiceProcess authService;

    private final ServiceProcess gateway;

    private final int authDatabasePort;

    private final int authManagementPort;

    private final Path work;

    private Stack(Path work) {
        int taskPort = freePort();
        int authPort = freePort();
        this.authManagementPort = freePort();
        int gatewayPort = freePort();
        int taskManagementPort = freePort();
        int gatewayManagementPort = freePort();
        this.authDatabasePort = freePort();

        Map<String, String> task = common(work, "task-service");
        task.put("EDGEAUTH_TASK_PORT", Integer.toString(taskPort));
        task.put("EDGEAUTH_TASK_MANAGEMENT_PORT", Integer.toString(taskManagementPort));
        this.taskService = new ServiceProcess("task-service", work.resolve("task-service.log"), taskPort,
                taskManagementPort, task);

        Map<String, String> auth = common(work, "auth-service");
        auth.put("EDGEAUTH_AUTH_PORT", Integer.toString(authPort));
        auth.put("EDGEAUTH_AUTH_MANAGEMENT_PORT", Integer.toString(this.authManagementPort));
        auth.put("EDGEAUTH_KEK", KEK);
        // A known port, so a test can read the signing keys' table.
        auth.put("EDGEAUTH_DATABASE_EMBEDDED_PORT", Integer.toString(this.authDatabasePort));
        auth.put("EDGEAUTH_FEED_TOKEN", FEED_TOKEN);
        // A short grace window, so a reuse test waits one second, not ten, for a replay
        // to count as reuse.
        auth.put("EDGEAUTH_REFRESH_GRACE", "1s");
        this.authService = new ServiceProcess("auth-service", work.resolve("auth-service.log"), authPort,
                this.authManagementPort, auth);

        this.work = work;
        this.gateway = gateway("gateway", gatewayPort, gatewayManagementPort, Map.of());
    }

    /**
     * A gateway in front of this stack's services, on ports of its own and with more
     * settings, not started yet: for a test that needs a gateway configured otherwise.
     * The test starts and stops it.
     * @param name its name (its log is {@code target/e2e/<name>.log})
     * @param settings more environment variables
     * @return the gateway
     */
    ServiceProcess otherGateway(String name, Map<String, String> settings) {
        return gateway(name, freePort(), freePort(), settings);
    }

    private ServiceProcess gateway(String name, int port, int managementPort, Map<String, String> settings) {
        Map<String, String> edge = common(this.work, "gateway");
        edge.put("EDGEAUTH_GATEWAY_PORT", Integer.toString(port));
        edge.put("EDGEAUTH_GATEWAY_MANAGEMENT_PORT", Integer.toString(managementPort));
        // Behind a load balancer on loopback, as deployed: a test's client can name its
        // own address (Accounts signs each user up from one of its own).
        edge.put("EDGEAUTH_GATEWAY_TRUSTED_PROXIES", "127.0.0.1/32");
        edge.put("EDGEAUTH_AUTH_URL", "http://localhost:" + this.authService.port());
        edge.put("EDGEAUTH_AUTH_INTERNAL_URL", "http://localhost:" + this.authManagementPort);
        edge.put("EDGEAUTH_TASK_URL", "http://localhost:" + this.taskService.port());
        edge.put("EDGEAUTH_FEED_TOKEN", FEED_TOKEN);
        edge.putAll(settings);
        return new ServiceProcess(name, "gateway", this.work.resolve(name + ".log"), port, managementPort, edge);
    }

    /** The running stack (started on first use, stopped when the JVM exits). */
    static synchronized Stack get() {
        if (instance == null) {
            try {
                Path work = Path.of("target", "e2e");
                FileSystemUtils.deleteRecursively(work);
                Files.createDirectories(work);
                instance = new Stack(work.toAbsolutePath());
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            instance.startAll();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stopAll, "e2e-stack-stop"));
        }
        return instance;
    }

    /** A client of the gateway, the only public entry. */
    WebTestClient client() {
        return WholeResponseConnector.bindToServer(this.gateway.url()).responseTimeout(Duration.ofSeconds(30)).build();
    }

    ServiceProcess taskService() {
        return this.taskService;
    }

    ServiceProcess authService() {
        return this.authService;
    }

    ServiceProcess gateway() {
        return this.gateway;
    }

    /**
     * The JDBC URL of the auth-service's embedded PostgreSQL (user and password
     * {@code postgres}).
     */
    String authDatabaseUrl() {
        return "jdbc:postgresql://localhost:" + this.authDatabasePort + "/postgres";
    }

    private void startAll() {
        List<ServiceProcess> all = List.of(this.taskService, this.authService, this.gateway);
        all.forEach(ServiceProcess::start);
        for (ServiceProcess service : all) {
            service.awaitReady();
        }
    }

    private void stopAll() {
        List<ServiceProcess> reversed = new ArrayList<>(List.of(this.gateway, this.authService, this.taskService));
        reversed.forEach(ServiceProcess::stop);
    }

    private static Map<String, String> common(Path work, String service) {
        Map<String, String> environment = new HashMap<>();
        environment.put("EDGEAUTH_DATABASE_EMBEDDED_DATA_DIR", work.resolve("data").resolve(service).toString());
        environment.put("EDGEAUTH_DATABASE_EMBEDDED_DURABLE", "false");
        environment.put("EDGEAUTH_LOG_FORMAT", "");
        // Deployed as an operator should: every management port behind the operator
        // token.
        environment.put("EDGEAUTH_OPERATOR_TOKEN", OPERATOR_TOKEN);
        return environment;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
