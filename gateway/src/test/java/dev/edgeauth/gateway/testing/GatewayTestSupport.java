package dev.edgeauth.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.edgeauth.common.testing.ManagementClient;
import dev.edgeauth.common.testing.WholeResponseConnector;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * One running gateway (shared by every test class that extends this, so it starts once)
 * in front of real servers started here: a recording backend, a JWKS server with the test
 * key and a revocation feed. A route to a closed port stands for a backend that is down.
 * Tests begin once it is ready (it has read the feed), as behind a load balancer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
public abstract class GatewayTestSupport {

    protected static final TestKey KEY = TestKey.generate("test-key-1");

    protected static final RecordingBackend BACKEND = RecordingBackend.start();

    protected static final JwksServer JWKS = JwksServer.start(KEY);

    protected static final RevocationFeedServer FEED = RevocationFeedServer.start();

    protected static final int CLOSED_PORT = closedPort();

    protected static final Path ROUTES_FILE = writeRoutesFile();

    private static final Set<Integer> READY = ConcurrentHashMap.newKeySet();

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    protected WebTestClient client;

    @DynamicPropertySource
    static void fixtures(DynamicPropertyRegistry registry) {
        registry.add("edgeauth.gateway.routes-file", ROUTES_FILE::toString);
        registry.add("edgeauth.gateway.jwks.uri", JWKS::url);
        registry.add("edgeauth.gateway.revocation.url", FEED::baseUrl);
    }

    @BeforeEach
    void bindClient() {
        this.client = WholeResponseConnector.bindToServer("http://127.0.0.1:" + this.port).build();
        BACKEND.clear();
        if (!READY.contains(this.managementPort)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> readiness(this.managementPort) == 200);
            READY.add(this.managementPort);
        }
    }

    /** The status of a gateway's {@code GET /actuator/health/readiness}: 200 or 503. */
    protected static int readiness(int managementPort) {
        return ManagementClient.of("http://127.0.0.1:" + managementPort)
            .status(HttpMethod.GET, "/actuator/health/readiness", null);
    }

    /** A gauge's value on a gateway's Prometheus page (its management port). */
    protected static double metric(int managementPort, String name) {
        String page = WholeResponseConnector.bindToServer("http://127.0.0.1:" + managementPort)
            .build()
            .get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
        return page.lines()
            .filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
            .mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .findFirst()
            .orElseThrow(() -> new AssertionError(name + " not on the Prometheus page"));
    }

    protected static String bearer(String token) {
        return "Bearer " + token;
    }

    /** The status of {@code GET /api/tasks} with a bearer token. */
    protected int apiStatus(String token) {
        return this.client.get()
            .uri("/api/tasks")
            .header(HttpHeaders.AUTHORIZATION, bearer(token))
            .exchange()
            .returnResult(Void.class)
            .getStatus()
            .value();
    }

    /** The routes file every test starts from. */
    protected static String standardRoutes() {
        String backend = "http://127.0.0.1:" + BACKEND.port();
        return """
                rate-limit-policies:
                  - name: ip-limit
                    limit: 3
                    period: 60s
                    key: ip
                  - name: user-limit
                    limit: 3
                    period: 60s
                    key: user
                  - name: ip-short
                    limit: 2
                    period: 1s
                    key: ip
                  - name: ip-errors
                    limit: 1000
                    period: 60s
                    key: ip
                  - name: both-ip
                    limit: 4
                    period: 60s
                    key: ip
                  - name: both-user
                    limit: 2
                    period: 60s
                    key: user
                  - name: guard-ip
                    limit: 3
                    period: 60s
                    key: ip
                routes:
                  - id: limited-ip
                    paths: [/limited-ip/**]
                    uri: %1$s
                    token-required: false
                    rate-limit-policy: ip-limit
                  - id: limited-user
                    paths: [/limited-user/**]
                    uri: %1$s
                    rate-limit-policy: user-limit
                  - id: limited-short
                    paths: [/limited-short/**]
                    uri: %1$s
                    token-required: false
                    rate-limit-policy: ip-short
                  - id: limited-down
                    paths: [/limited-down/**]
                    uri: http://127.0.0.1:%2$d
                    token-required: false
                    rate-limit-policy: ip-errors
                  - id: limited-both
                    paths: [/limited-both/**]
                    uri: %1$s
                    rate-limit-policies: [both-ip, both-user]
                  - id: guarded
                    paths: [/guarded/**]
                    uri: %1$s
                    rate-limit-policies: [guard-ip, api]
                  - id: public
                    paths: [/public/**]
                    uri: %1$s
                    token-required: false
                  - id: auth-password
                    paths: [/auth/password]
                    uri: %1$s
                    forward-authorization: true
                    rate-limit-policy: password
                  - id: auth
                    paths: [/auth/**]
                    uri: %1$s
                    token-required: false
                    forward-authorization: true
                  - id: api
                    paths: [/api/**]
                    uri: %1$s
                    rate-limit-policy: api
                  - id: down
                    paths: [/down/**]
                    uri: http://127.0.0.1:%2$d
                    token-required: false
                """.formatted(backend, CLOSED_PORT);
    }

    protected static void writeRoutes(String content) {
        try {
            Files.writeString(ROUTES_FILE, content, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path writeRoutesFile() {
        return newRoutesFile(standardRoutes());
    }

    /** A routes file of its own, in a new temporary folder. */
    static Path newRoutesFile(String routes) {
        try {
            Path file = Files.createTempDirectory("edgeauth-routes").resolve("routes.yaml");
            Files.writeString(file, routes, StandardCharsets.UTF_8);
            return file;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A port nothing listens on (a backend that is down). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
