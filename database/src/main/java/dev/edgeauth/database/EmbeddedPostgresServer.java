package dev.edgeauth.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.logging.Log;

import org.springframework.boot.SpringApplication;

/**
 * Starts the embedded PostgreSQL (real binaries from Maven Central, zonky) once per JVM
 * and data folder, and stops it after every application context has closed, so in-flight
 * requests finish first.
 *
 * <p>
 * Durable by default: zonky turns fsync and synchronous_commit off, which would lose
 * committed data on a crash. A server orphaned by a killed JVM still holds its data
 * folder; it is stopped before the new start instead of failing it.
 */
final class EmbeddedPostgresServer {

    /**
     * The PostgreSQL major version of the binaries this build embeds (the binaries BOM).
     */
    static final String MAJOR_VERSION = "18";

    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(15);

    private static final Map<String, Running> running = new HashMap<>();

    private EmbeddedPostgresServer() {
    }

    static synchronized DatabaseServer start(DatabaseProperties.Embedded settings, Path dataDir, Log log) {
        String key = settings.ephemeral() ? "ephemeral" : dataDir.toAbsolutePath().normalize().toString();
        Running server = running.get(key);
        if (server == null) {
            Path folder = settings.ephemeral() ? temporaryFolder() : dataDir;
            EmbeddedPostgres postgres = startNew(settings, folder, log);
            server = new Running(postgres, PostmasterWatchdog.watch(folder, settings.ephemeral()));
            running.put(key, server);
            Running started = server;
            SpringApplication.getShutdownHandlers().add(() -> started.stop(log));
        }
        return new DatabaseServer("localhost", server.postgres().getPort(), "postgres", "postgres", null);
    }

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("edgeauth-pg");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot create a temporary data folder", ex);
        }
    }

    private static EmbeddedPostgres startNew(DatabaseProperties.Embedded settings, Path dataDir, Log log) {
        String durable = settings.durable() ? "on" : "off";
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
            // Spring's shutdown handlers stop a kept server after the contexts close, so
            // in-flight requests finish first. A test framework closes its contexts
            // without them, so a throw-away server also stops with the JVM; and the
            // watchdog stops either when the JVM ends without its hooks.
            .setRegisterShutdownHook(settings.ephemeral())
            .setPGStartupWait(STARTUP_WAIT)
            .setServerConfig("fsync", durable)
            .setServerConfig("synchronous_commit", durable)
            .setServerConfig("full_page_writes", durable)
            .setServerConfig("listen_addresses", "localhost");
        if (settings.port() > 0) {
            builder.setPort(settings.port());
        }
        if (settings.ephemeral()) {
            // Deleted when the server stops.
            builder.setDataDirectory(dataDir).setCleanDataDirectory(true);
        }
        else {
            prepareDataDir(dataDir, log);
            builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
        }
        try {
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL " + MAJOR_VERSION + " on port " + postgres.getPort() + ", data in "
                    + (settings.ephemeral() ? "a temporary folder" : dataDir.toAbsolutePath())
                    + (settings.durable() ? "" : " (not durable: fsync off)"));
            return postgres;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Embedded PostgreSQL did not start with data in " + dataDir.toAbsolutePath()
                    + ": " + ex.getMessage(), ex);
        }
    }

    private static void prepareDataDir(Path dataDir, Log log) {
        try {
            Files.createDirectories(dataDir);
            Path versionFile = dataDir.resolve("PG_VERSION");
            if (Files.exists(versionFile)) {
                String version = Files.readString(versionFile).trim();
                if (!MAJOR_VERSION.equals(version)) {
                    throw new IllegalStateException("The data folder " + dataDir.toAbsolutePath()
                            + " was created by PostgreSQL " + version + ", but edgeauth embeds PostgreSQL "
                            + MAJOR_VERSION + "; move the folder away or set EDGEAUTH_DATABASE_URL");
                }
            }
            stopOrphan(dataDir, log);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot prepare the data folder " + dataDir.toAbsolutePath(), ex);
        }
    }

    // A JVM killed with SIGKILL leaves its postmaster running (pg_ctl daemonizes it);
    // that server would make
    // this start fail. It has no clients left, so a SIGTERM (smart shutdown) stops it
    // promptly.
    private static void stopOrphan(Path dataDir, Log log) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        }
        catch (NumberFormatException ex) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .filter((process) -> process.info().command().map((cmd) -> cmd.endsWith("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return;
        }
        log.warn("Stopping an orphaned embedded PostgreSQL (pid " + pid + ") left running on "
                + dataDir.toAbsolutePath());
        ProcessHandle process = orphan.get();
        process.destroy();
        try {
            process.onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            process.destroyForcibly();
        }
    }

    /** Stops the kept server of a data folder now (tests that start one of their own). */
    static synchronized void stop(Path dataDir, Log log) {
        Running server = running.remove(dataDir.toAbsolutePath().normalize().toString());
        if (server != null) {
            server.stop(log);
        }
    }

    /** A started server and the watchdog that stops it if this JVM dies first. */
    private record Running(EmbeddedPostgres postgres, PostmasterWatchdog watchdog) {

        void stop(Log log) {
            this.watchdog.close();
            try {
                this.postgres.close();
            }
            catch (IOException ex) {
                log.warn("Embedded PostgreSQL did not stop cleanly: " + ex.getMessage());
            }
        }

    }

}
