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
 * checkpoint) and, for a throw-away server, deletes its folder once it has stopped. A
 * server stopped normally calls {@link #close()} first, which ends the watchdog without
 * signalling anything. Linux ({@code /proc}), like the embedded binaries this build
 * ships.
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
     * @param throwAway whether the folder is deleted once the server has stopped (a
     * throw-away server's temporary folder)
     * @return the watchdog; keep it referenced until the server stops (its pipe closes
     * when it is collected)
     */
    public static PostmasterWatchdog watch(Path dataDir, boolean throwAway) {
        long pid = postmasterPid(dataDir);
        // The pid is signalled only while its command line still names this data folder
        // as the server was given it (a pid is reused once its process is gone).
        String script = "read -r _; if grep -qaF -- " + quoted(dataDir.toString()) + " /proc/" + pid
                + "/cmdline 2>/dev/null; then kill -INT " + pid + "; while kill -0 " + pid
                + " 2>/dev/null; do sleep 0.2; done; fi"
                + (throwAway ? "; rm -rf -- " + quoted(dataDir.toAbsolutePath().toString()) : "");
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

    // A single-quoted shell word.
    private static String quoted(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
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
