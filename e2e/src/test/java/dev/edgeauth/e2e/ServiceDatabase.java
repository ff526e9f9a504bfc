package dev.edgeauth.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test fixture: the embedded PostgreSQL that a service of the stack started in its own
 * data folder, stopped and started again behind the service's back with the same
 * binaries, port and options, as an operator or a crash would.
 *
 * <p>
 * Everything is read from the server's own files while it runs: {@code postmaster.pid}
 * (its pid, data folder and port), the pid's executable (the binaries, {@code pg_ctl}
 * beside {@code postgres}) and {@code postmaster.opts} (the options it was started with).
 * Only a server in a folder of this test run is ever touched, never the machine's shared
 * PostgreSQL.
 */
final class ServiceDatabase {

    private static final int SHARED_SERVER_PORT = 5432;

    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Path dataDir;

    private final Path pgCtl;

    private final int port;

    private final List<String> options;

    private final Path log;

    private ServiceDatabase(Path dataDir, Path pgCtl, int port, List<String> options) {
        this.dataDir = dataDir;
        this.pgCtl = pgCtl;
        this.port = port;
        this.options = List.copyOf(options);
        this.log = dataDir.resolveSibling(dataDir.getFileName() + "-postgres.log");
    }

    /** The running server under a service, as its files describe it now. */
    static ServiceDatabase of(ServiceProcess service) {
        Path dataDir = service.embeddedDatabaseDir().toAbsolutePath().normalize();
        assertThat(dataDir).as("a data folder of this test run").startsWith(Path.of("target").toAbsolutePath());
        List<String> pidFile = lines(dataDir.resolve("postmaster.pid"));
        // postmaster.pid: pid, data folder, start time, port, socket folder, ...
        long pid = Long.parseLong(pidFile.get(0).trim());
        assertThat(Path.of(pidFile.get(1).trim())).as("the data folder postmaster.pid names").isEqualTo(dataDir);
        int port = Integer.parseInt(pidFile.get(3).trim());
        assertThat(port).as("the embedded server's port").isNotEqualTo(SHARED_SERVER_PORT);
        Optional<String> executable = ProcessHandle.of(pid).flatMap((process) -> process.info().command());
        assertThat(executable).as("the executable of postmaster %d", pid)
            .hasValueSatisfying((command) -> assertThat(command).endsWith("/postgres"));
        Path pgCtl = Path.of(executable.get()).resolveSibling("pg_ctl");
        return new ServiceDatabase(dataDir, pgCtl, port, startOptions(dataDir, port));
    }

    // postmaster.opts: the executable, then each argument double-quoted. Everything but
    // the data folder (pg_ctl passes it) goes back through pg_ctl -o, so the server comes
    // back on the same port with the same settings.
    private static List<String> startOptions(Path dataDir, int port) {
        List<String> arguments = new ArrayList<>();
        Matcher quoted = QUOTED.matcher(String.join(" ", lines(dataDir.resolve("postmaster.opts"))));
        while (quoted.find()) {
            arguments.add(quoted.group(1));
        }
        int data = arguments.indexOf("-D");
        if (data >= 0) {
            arguments.remove(data + 1);
            arguments.remove(data);
        }
        int portOption = arguments.indexOf("-p");
        assertThat(portOption).as("postmaster.opts names the port: %s", arguments).isNotNegative();
        assertThat(arguments.get(portOption + 1)).isEqualTo(Integer.toString(port));
        return arguments;
    }

    int port() {
        return this.port;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + this.port + "/postgres";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "postgres");
    }

    /**
     * Whether a server runs on the data folder ({@code postmaster.pid} names a live one).
     */
    boolean isRunning() {
        Path pidFile = this.dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return false;
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        catch (IOException | RuntimeException ex) {
            return false;
        }
    }

    /**
     * PostgreSQL's fast shutdown: open transactions roll back, every client is
     * disconnected, then a checkpoint; returns once the server is gone.
     */
    void stopFast() {
        pgCtl("stop", "-D", this.dataDir.toString(), "-m", "fast", "-w", "-t", "60");
        assertThat(isRunning()).as("PostgreSQL on %s still running", this.dataDir).isFalse();
    }

    /**
     * Starts the server again with its former options; returns once it accepts
     * connections.
     */
    void start() {
        StringBuilder options = new StringBuilder();
        for (String option : this.options) {
            options.append(options.isEmpty() ? "" : " ").append("'").append(option.replace("'", "'\\''")).append("'");
        }
        pgCtl("start", "-D", this.dataDir.toString(), "-w", "-t", "60", "-l", this.log.toString(), "-o",
                options.toString());
    }

    private void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>();
        if (ProcessHandle.current().info().user().map("root"::equals).orElse(false)) {
            // PostgreSQL refuses to run as root; like zonky (which started it), run it as
            // an unmapped user in a user namespace of its own.
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(this.pgCtl.toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
                .start();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("pg_ctl %s finished", arguments[0]).isTrue();
            assertThat(process.exitValue()).as("pg_ctl %s exit code; see %s", arguments[0], this.log).isZero();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + file + " (is the service's PostgreSQL running?)", ex);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL on port " + this.port + " in " + this.dataDir;
    }

}
