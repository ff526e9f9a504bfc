package dev.edgeauth.database;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedPostgresServerTests {

    @Test
    void ephemeralServerWhenItsJvmExitsWithoutSpringShutdownHandlersThenStopsToo() throws Exception {
        int port = runEphemeralService();

        // The JVM's hooks have run by the time it is gone: the server is stopped, not
        // orphaned.
        assertThat(accepts(port)).as("something listens on %d", port).isFalse();
    }

    @Test
    void ephemeralServerWhenItsJvmHaltsWithoutAnyHookThenTheWatchdogStopsIt() throws Exception {
        int port = runEphemeralService("halt");

        // No hook ran; the watchdog sees the JVM's pipe close and stops the server.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (accepts(port) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(accepts(port)).as("something listens on %d 30 s after its JVM halted", port).isFalse();
    }

    // Runs EphemeralPostgresService in a child JVM until it exits; returns the port its
    // server had.
    private static int runEphemeralService(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), EphemeralPostgresService.class.getName()));
        command.addAll(List.of(arguments));
        Process service = new ProcessBuilder(command).redirectErrorStream(true).start();
        int port = 0;
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                if (line.startsWith("started ")) {
                    port = Integer.parseInt(line.substring("started ".length()).trim());
                }
            }
        }
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("the child JVM exited").isTrue();
        assertThat(port).as("the child JVM started its PostgreSQL").isPositive();
        return port;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    @Test
    void startWhenKilledServiceLeftItsServerRunningThenStopsTheOrphanAndStarts(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("postgres");
        Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), OrphanedPostgres.class.getName(), dataDir.toString())
            .redirectErrorStream(true)
            .start();
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = output.readLine();
            }
            while (line != null && !line.startsWith("started"));
            assertThat(line).as("the child JVM started its PostgreSQL").isNotNull();
        }
        service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long orphanPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive)).as("the server outlived its JVM")
            .isPresent();

        try {
            DatabaseServer server = EmbeddedPostgresServer.start(new DatabaseProperties.Embedded(null, 0, false, false),
                    dataDir, LogFactory.getLog(getClass()));

            assertThat(server.port()).isPositive();
            assertThat(ProcessHandle.of(orphanPid).filter(ProcessHandle::isAlive)).as("the orphan was stopped")
                .isEmpty();
            long newPid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            assertThat(newPid).isNotEqualTo(orphanPid);
        }
        finally {
            EmbeddedPostgresServer.stop(dataDir, LogFactory.getLog(getClass()));
        }
    }

    @Test
    void startWhenDataFolderFromAnotherMajorVersionThenOneLineReason(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("postgres");
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("PG_VERSION"), "14\n");
        assertThatIllegalStateException()
            .isThrownBy(() -> EmbeddedPostgresServer.start(new DatabaseProperties.Embedded(null, 0, false, false),
                    dataDir, LogFactory.getLog(getClass())))
            .withMessageContaining("PostgreSQL 14")
            .withMessageNotContaining("\n");
    }

}
