package dev.edgeauth.database;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EmbeddedPostgresServerTests {

    @Test
    void ephemeralServerWhenItsJvmExitsWithoutSpringShutdownHandlersThenStopsToo() throws Exception {
        Process service = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), EphemeralPostgresService.class.getName())
            .redirectErrorStream(true)
            .start();
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

        // The JVM's hooks have run by the time it is gone: the server is stopped, not
        // orphaned.
        try (java.net.Socket socket = new java.net.Socket()) {
            int stoppedPort = port;
            org.assertj.core.api.Assertions.assertThatExceptionOfType(java.io.IOException.class)
                .as("nothing listens on %d", stoppedPort)
                .isThrownBy(() -> socket.connect(new java.net.InetSocketAddress("127.0.0.1", stoppedPort), 2000));
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
