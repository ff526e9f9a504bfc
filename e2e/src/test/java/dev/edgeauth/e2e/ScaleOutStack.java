package dev.edgeauth.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.edgeauth.database.testing.PrivatePostgres;
import dev.edgeauth.e2e.RawHttp.Response;

import org.springframework.util.FileSystemUtils;

import static org.awaitility.Awaitility.await;

/**
 * The scaled-out deployment of specs/operations.md ("Scale-out"), started once per test
 * JVM by the first test that asks for it: HAProxy ({@code haproxy/haproxy.cfg}) in front
 * of two gateways, which reach two auth-services through it (their public port, and their
 * management port for the revocation feed); both auth-services on one private PostgreSQL;
 * one task-service; the machine's Redis at 127.0.0.1:6379 under a key prefix of this run.
 * The gateways trust HAProxy (127.0.0.1) as their proxy: a test that counts per address
 * sends from another {@code 127.0.0.x}.
 */
final class ScaleOutStack {

    /**
     * The gateways' and auth-services' drain: HAProxy's checks (2 × 500 ms) see them go.
     */
    static final String DRAIN = "3s";

    /** A route whose per-user limit is shared through Redis ({@code /api/limited/**}). */
    static final int SHARED_LIMIT = 10;

    private static final String ROUTES = """
            rate-limit-policies:
              - name: api-limited
                limit: %d
                period: 60s
                key: user
                backend: redis
            routes:
              - id: auth-signup
                paths: [/auth/signup]
                uri: ${edgeauth.gateway.auth-url}
                token-required: false
                rate-limit-policy: signup
              - id: auth-login
                paths: [/auth/login]
                uri: ${edgeauth.gateway.auth-url}
                token-required: false
                rate-limit-policy: login
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
              - id: well-known
                paths: [/.well-known/**]
                uri: ${edgeauth.gateway.auth-url}
                token-required: false
              - id: api-limited
                paths: [/api/limited/**]
                uri: ${edgeauth.gateway.task-url}
                token-required: true
                rate-limit-policy: api-limited
              - id: api
                paths: [/api/**]
                uri: ${edgeauth.gateway.task-url}
                token-required: true
                rate-limit-policies: [api-ip, api]
            """.formatted(SHARED_LIMIT);

    private static ScaleOutStack instance;

    private final Path work;

    private final PrivatePostgres postgres;

    private final ServiceProcess taskService;

    private final List<ServiceProcess> authServices = new ArrayList<>();

    private final List<ServiceProcess> gateways = new ArrayList<>();

    private final Map<String, String> balancer = new HashMap<>();

    private final int publicPort = Stack.freePort();

    private final int statsPort = Stack.freePort();

    private HaproxyProcess haproxy;

    private ScaleOutStack(Path work, PrivatePostgres postgres) throws IOException {
        this.work = work;
        this.postgres = postgres;
        int authBalancer = Stack.freePort();
        int feedBalancer = Stack.freePort();
        this.balancer.put("EDGEAUTH_LB_PUBLIC", "127.0.0.1:" + this.publicPort);
        this.balancer.put("EDGEAUTH_LB_AUTH", "127.0.0.1:" + authBalancer);
        this.balancer.put("EDGEAUTH_LB_FEED", "127.0.0.1:" + feedBalancer);
        this.balancer.put("EDGEAUTH_LB_STATS", "127.0.0.1:" + this.statsPort);

        Map<String, String> task = common();
        int taskPort = Stack.freePort();
        int taskManagement = Stack.freePort();
        task.put("EDGEAUTH_TASK_PORT", Integer.toString(taskPort));
        task.put("EDGEAUTH_TASK_MANAGEMENT_PORT", Integer.toString(taskManagement));
        task.put("EDGEAUTH_DATABASE_EMBEDDED_DATA_DIR", work.resolve("data/task-service").toString());
        task.put("EDGEAUTH_DATABASE_EMBEDDED_DURABLE", "false");
        this.taskService = process("task-service", "task-service", taskPort, taskManagement, task);

        for (int n = 1; n <= 2; n++) {
            Map<String, String> auth = common();
            int port = Stack.freePort();
            int management = Stack.freePort();
            auth.put("EDGEAUTH_AUTH_PORT", Integer.toString(port));
            auth.put("EDGEAUTH_AUTH_MANAGEMENT_PORT", Integer.toString(management));
            auth.put("EDGEAUTH_DATABASE_URL", postgres.url());
            auth.put("EDGEAUTH_KEK", Stack.KEK);
            auth.put("EDGEAUTH_FEED_TOKEN", Stack.FEED_TOKEN);
            auth.put("EDGEAUTH_REFRESH_GRACE", "1s");
            // The documented relation, shortened: lead time >= 2 x max-age + refresh.
            auth.put("EDGEAUTH_JWKS_MAX_AGE", "2s");
            auth.put("EDGEAUTH_KEY_REFRESH_INTERVAL", "1s");
            auth.put("EDGEAUTH_KEY_LEAD_TIME", "5s");
            // Only HAProxy and the gateways (127.0.0.1) are proxies: a test's 127.0.0.x
            // is a
            // client.
            auth.put("EDGEAUTH_BACKEND_TRUSTED_PROXIES", "127.0.0.1/32");
            this.authServices.add(process("auth-service-" + n, "auth-service", port, management, auth));
            this.balancer.put("EDGEAUTH_LB_AUTH_" + n, "127.0.0.1:" + port);
            this.balancer.put("EDGEAUTH_LB_AUTH_" + n + "_FEED", "127.0.0.1:" + management);
            this.balancer.put("EDGEAUTH_LB_AUTH_" + n + "_CHECK", Integer.toString(management));
        }

        Path routes = work.resolve("routes.yaml");
        Files.writeString(routes, ROUTES);
        String keyPrefix = "e2e-scale-out-" + UUID.randomUUID() + ":";
        for (int n = 1; n <= 2; n++) {
            Map<String, String> edge = common();
            int port = Stack.freePort();
            int management = Stack.freePort();
            edge.put("EDGEAUTH_GATEWAY_PORT", Integer.toString(port));
            edge.put("EDGEAUTH_GATEWAY_MANAGEMENT_PORT", Integer.toString(management));
            edge.put("EDGEAUTH_AUTH_URL", "http://127.0.0.1:" + authBalancer);
            edge.put("EDGEAUTH_AUTH_INTERNAL_URL", "http://127.0.0.1:" + feedBalancer);
            edge.put("EDGEAUTH_TASK_URL", "http://127.0.0.1:" + taskPort);
            edge.put("EDGEAUTH_FEED_TOKEN", Stack.FEED_TOKEN);
            edge.put("EDGEAUTH_GATEWAY_TRUSTED_PROXIES", "127.0.0.1/32");
            edge.put("EDGEAUTH_ROUTES_FILE", routes.toString());
            edge.put("EDGEAUTH_REDIS_KEY_PREFIX", keyPrefix);
            edge.put("EDGEAUTH_GATEWAY_JWKS_MIN_TTL", "1s");
            this.gateways.add(process("gateway-" + n, "gateway", port, management, edge));
            this.balancer.put("EDGEAUTH_LB_GATEWAY_" + n, "127.0.0.1:" + port);
            this.balancer.put("EDGEAUTH_LB_GATEWAY_" + n + "_CHECK", Integer.toString(management));
        }
    }

    /** The running scale-out stack (started on first use, stopped when the JVM exits). */
    static synchronized ScaleOutStack get() {
        if (instance == null) {
            Path work = Path.of("target", "e2e-scale-out").toAbsolutePath();
            try {
                FileSystemUtils.deleteRecursively(work);
                Files.createDirectories(work);
                instance = new ScaleOutStack(work, PrivatePostgres.start());
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stopAll, "e2e-scale-out-stop"));
            instance.startAll();
        }
        return instance;
    }

    /** HAProxy's public port: where clients go. */
    int publicPort() {
        return this.publicPort;
    }

    /** Gateway 1 or 2. */
    ServiceProcess gateway(int n) {
        return this.gateways.get(n - 1);
    }

    List<ServiceProcess> gateways() {
        return List.copyOf(this.gateways);
    }

    /** Auth-service 1 or 2. */
    ServiceProcess authService(int n) {
        return this.authServices.get(n - 1);
    }

    List<ServiceProcess> authServices() {
        return List.copyOf(this.authServices);
    }

    /**
     * Waits until HAProxy routes to a service again: every backend that lists it has
     * marked it up after its health checks.
     * @param service a gateway or an auth-service of this stack
     */
    void awaitBalanced(ServiceProcess service) {
        String server = service.toString().replace("auth-service-", "auth-");
        await(server + " up in HAProxy").atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> {
                List<String> states = balancerStates(server);
                return !states.isEmpty() && states.stream().allMatch("UP"::equals);
            });
    }

    // The status column of each of HAProxy's CSV rows for a server name.
    private List<String> balancerStates(String server) {
        Response csv = RawHttp.from("127.0.0.1").send(this.statsPort, "GET", "/stats;csv", Map.of(), null);
        List<String> states = new ArrayList<>();
        List<String> header = List.of(csv.body().lines().findFirst().orElse("").replace("# ", "").split(","));
        int name = header.indexOf("svname");
        int status = header.indexOf("status");
        csv.body().lines().skip(1).map((line) -> line.split(",", -1)).forEach((row) -> {
            if (row.length > status && row[name].equals(server)) {
                states.add(row[status]);
            }
        });
        return states;
    }

    /** The JDBC URL of the auth-services' PostgreSQL (user {@code postgres}). */
    String authDatabaseUrl() {
        return "jdbc:postgresql://localhost:" + this.postgres.port() + "/postgres?user=postgres";
    }

    private void startAll() {
        List<ServiceProcess> backends = new ArrayList<>(this.authServices);
        backends.add(this.taskService);
        backends.forEach(ServiceProcess::start);
        backends.forEach(ServiceProcess::awaitReady);
        this.haproxy = HaproxyProcess.start(this.balancer, this.work.resolve("haproxy.log"), this.publicPort);
        this.gateways.forEach(ServiceProcess::start);
        this.gateways.forEach(ServiceProcess::awaitReady);
        this.authServices.forEach(this::awaitBalanced);
        this.gateways.forEach(this::awaitBalanced);
    }

    private void stopAll() {
        this.gateways.forEach(ServiceProcess::stop);
        if (this.haproxy != null) {
            this.haproxy.stop();
        }
        this.authServices.forEach(ServiceProcess::stop);
        this.taskService.stop();
        this.postgres.close();
    }

    private ServiceProcess process(String name, String service, int port, int management,
            Map<String, String> environment) {
        return new ServiceProcess(name, service, this.work.resolve(name + ".log"), port, management, environment);
    }

    private static Map<String, String> common() {
        Map<String, String> environment = new HashMap<>();
        environment.put("EDGEAUTH_LOG_FORMAT", "");
        environment.put("EDGEAUTH_OPERATOR_TOKEN", Stack.OPERATOR_TOKEN);
        environment.put("EDGEAUTH_SHUTDOWN_DRAIN", DRAIN);
        return environment;
    }

}
