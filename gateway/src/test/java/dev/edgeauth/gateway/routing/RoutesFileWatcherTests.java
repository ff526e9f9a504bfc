package dev.edgeauth.gateway.routing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change of the routes file is applied or refused as a whole, checked synchronously.
 */
class RoutesFileWatcherTests {

    private static final String ROUTES = """
            routes:
              - id: public
                paths: [/public/**]
                uri: http://127.0.0.1:9000
                token-required: false
            """;

    private final RoutesFile parser = new RoutesFile(new MockEnvironment(), Set.of(8180, 9100, 8181));

    private final RoutesFileRouteDefinitionLocator locator = new RoutesFileRouteDefinitionLocator(
            this.parser.parse(ROUTES));

    private final List<Object> refreshes = new ArrayList<>();

    @TempDir
    Path folder;

    @Test
    void checkNowWhenRouteToManagementPortAddedThenRefusedAndRunningRoutesStay() throws IOException {
        checkAfterAddingRouteTo("http://127.0.0.1:9100");

        assertThat(this.locator.routes()).extracting(RouteSpec::id).containsExactly("public");
        assertThat(this.refreshes).isEmpty();
    }

    @Test
    void checkNowWhenValidRouteAddedThenAppliedAndRefreshed() throws IOException {
        checkAfterAddingRouteTo("http://127.0.0.1:9000");

        assertThat(this.locator.routes()).extracting(RouteSpec::id).containsExactly("public", "x");
        assertThat(this.refreshes).hasSize(1);
    }

    // The file starts as ROUTES, then gains a route "x" to the URI; one synchronous
    // check.
    private void checkAfterAddingRouteTo(String uri) throws IOException {
        Path file = this.folder.resolve("routes.yaml");
        Files.writeString(file, ROUTES);
        RoutesFileWatcher watcher = new RoutesFileWatcher(file, ROUTES, Duration.ofSeconds(1), this.parser,
                this.locator, this.refreshes::add);
        Files.writeString(file, ROUTES + """
                  - id: x
                    paths: [/x/**]
                    uri: %s
                    token-required: false
                """.formatted(uri));
        watcher.checkNow();
    }

}
