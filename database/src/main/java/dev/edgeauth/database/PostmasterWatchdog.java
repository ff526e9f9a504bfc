package dev.edgeauth.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Stops an embedded PostgreSQL when the JVM that started it is gone, however it went:
 * SIGKILL, {@code Runtime.halt} (a test runner giving up on a slow fork, a start-up
 * training run that exits on refresh) or a crash, where no shutdown hook runs and
 * {@code pg_ctl}'s daemonized server would otherwise live on.
 *
 * <p>
 * The watchdog is a {@code sh} that blocks reading a pipe only this JVM writes to. The
 * kernel closes the pipe when the JVM ends, the read returns, and the shell sends the
 * postmaster SIGINT (PostgreSQL's fast shutdown: open transactions roll back, then a
 * checkpoint). A server stopped normally calls {@link #close()} first, which ends the
 * watchdog without signalling anything.
 */
public final class PostmasterWatchdog implements AutoCloseable {

    private final Process shell;

    private PostmasterWatchdog(Process shell) {
        this.shell = shell;
    }

    /**
     * Watches the server running on a data folder.
     * @param dataDir the server's data folder (its {@code postmaster.pid} names the
     * process)
     * @return the watchdog; keep it referenced until the server stops (its pipe closes
     * when it is collected)
     */
    public static PostmasterWatchdog watch(Path dataDir) {
        long pid = postmasterPid(dataDir);
        // The postmaster's pid could only be reused after it exits, so it is checked to
        // still be a postgres before the signal.
        String script = "read -r _; grep -qa postgres /proc/" + pid + "/cmdline 2>/dev/null && kill -INT " + pid;
        try {
            Process shell = new ProcessBuilder("sh", "-c", script).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
            return new PostmasterWatchdog(shell);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot start the watchdog of the embedded PostgreSQL", ex);
        }
    }

    /** Ends the watchdog without stopping the server (call before a normal stop). */
    @Override
    public void close() {
        this.shell.destroyForcibly();
    }

    private static long postmasterPid(Path dataDir) {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return Long.parseLong(lines.get(0).trim());
        }
        catch (IOException | RuntimeException ex) {
            throw new IllegalStateException("No postmaster.pid in " + dataDir.toAbsolutePath(), ex);
        }
    }

}
