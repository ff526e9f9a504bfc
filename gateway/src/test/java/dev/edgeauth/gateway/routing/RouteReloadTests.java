package dev.edgeauth.gateway.routing;

import java.time.Duration;
import java.util.List;

import dev.edgeauth.common.testing.CapturedLogEvents;
import dev.edgeauth.gateway.testing.GatewayTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The routes file is watched: a valid change is applied without a restart, an invalid one
 * is refused and the running routes stay.
 */
class RouteReloadTests extends GatewayTestSupport {

    private static final Duration RELOAD = Duration.ofSeconds(10);

    @Autowired
    private RoutesFile parser;

    @Autowired
    private RoutesFileRouteDefinitionLocator locator;

    // The standard file's own effect: exactly its routes are held, and they answer as it
    // says (not merely a state the test before already had).
    @AfterEach
    void restoreRoutes() {
        writeRoutes(standardRoutes());
        List<RouteSpec> standard = this.parser.parse(standardRoutes());
        await().atMost(RELOAD)
            .until(() -> this.locator.routes().equals(standard) && status("/public/x") == 200
                    && status("/extra/x") == 404 && status("/api/tasks") == 401);
    }

    @Test
    void routesFileWhenRouteAddedThenAppliedWithoutRestart() {
        assertThat(status("/extra/x")).isEqualTo(404);

        writeRoutes(standardRoutes() + """
                  - id: extra
                    paths: [/extra/**]
                    uri: http://127.0.0.1:%d
                    token-required: false
                """.formatted(BACKEND.port()));

        await().atMost(RELOAD).until(() -> status("/extra/x") == 200);
        assertThat(BACKEND.requestsTo("/extra/x")).isNotEmpty();
    }

    @Test
    void routesFileWhenRouteMadePublicThenAppliedWithoutRestart() {
        assertThat(status("/api/tasks")).isEqualTo(401);

        writeRoutes(standardRoutes().replace("    rate-limit-policy: api", "    token-required: false"));

        await().atMost(RELOAD).until(() -> status("/api/tasks") == 200);
    }

    @Test
    void routesFileWhenInvalidThenRefusedAndRunningRoutesStayUntilAValidOne() {
        String extra = """
                  - id: extra
                    paths: [/extra/**]
                    uri: http://127.0.0.1:%d
                    token-required: false
                """.formatted(BACKEND.port());
        try (CapturedLogEvents log = CapturedLogEvents.of(RoutesFileWatcher.class)) {
            // A misspelt key must not turn the protected route public.
            writeRoutes(standardRoutes().replace("    rate-limit-policy: api", "    token-requird: false") + extra);

            await().atMost(RELOAD)
                .until(() -> log.messages()
                    .stream()
                    .anyMatch((line) -> line.contains("reason_id=routes_file_refused")
                            && line.contains("token-requird")));
            assertThat(status("/extra/x")).isEqualTo(404);
            assertThat(status("/api/tasks")).isEqualTo(401);
            assertThat(status("/public/x")).isEqualTo(200);
        }

        // The watcher goes on: the next valid file applies.
        writeRoutes(standardRoutes() + extra);
        await().atMost(RELOAD).until(() -> status("/extra/x") == 200);
    }

    @Test
    void requestWhenNoRouteMatchesThenNotFoundProblem() {
        this.client.get()
            .uri("/nowhere")
            .exchange()
            .expectStatus()
            .isNotFound()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("not_found");
    }

    private int status(String path) {
        return this.client.get().uri(path).exchange().returnResult(Void.class).getStatus().value();
    }

}
