package dev.edgeauth.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's first start on a machine: the embedded PostgreSQL's binaries are not
 * unpacked yet, and the service unpacks them under its own JVM settings (jvm.options,
 * memory budget) before it gets ready. Those settings once capped direct memory below
 * what the unpacking writes at once, and the start hung for good; a heap under 100 MB
 * cannot hold what the unpacking reads at once, and the start fails.
 */
class FirstStartTests {

    @Test
    void serviceWhenBinariesNotUnpackedYetThenUnpacksThemAndGetsReady(@TempDir Path work) throws Exception {
        Path binaries = work.resolve("embedded-pg");
        int port = Stack.freePort();
        int managementPort = Stack.freePort();
        ServiceProcess taskService = new ServiceProcess("task-service", work.resolve("task-service.log"), port,
                managementPort,
                Map.of("EDGEAUTH_TASK_PORT", Integer.toString(port), "EDGEAUTH_TASK_MANAGEMENT_PORT",
                        Integer.toString(managementPort), "EDGEAUTH_DATABASE_EMBEDDED_DATA_DIR",
                        work.resolve("data").toString(), "EDGEAUTH_DATABASE_EMBEDDED_DURABLE", "false",
                        // Where zonky unpacks the binaries: an empty folder, as on a new
                        // machine.
                        "JAVA_TOOL_OPTIONS", "-Dot.epg.working-dir=" + binaries));
        try {
            taskService.start();
            taskService.awaitReady();
            try (var unpacked = Files.list(binaries)) {
                assertThat(unpacked).as("binaries unpacked into the empty folder").isNotEmpty();
            }
        }
        finally {
            taskService.stop();
        }
    }

}
