package dev.edgeauth.database.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.edgeauth.database.PostmasterWatchdog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.util.FileSystemUtils;

/**
 * A PostgreSQL server of a test's own (real binaries, embedded), on a free port and a
 * temporary data folder, that the test may stop and start again on the same port and
 * data: outage tests stop this one, never the machine's shared server.
 */
public final class PrivatePostgres implements AutoCloseable {

    private final Path dataDir;

    private int port;

    private EmbeddedPostgres server;

    private PostmasterWatchdog watchdog;

    private PrivatePostgres(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** Starts a new private server. */
    public static PrivatePostgres start() {
        try {
            PrivatePostgres postgres = new PrivatePostgres(Files.createTempDirectory("edgeauth-private-pg"));
            postgres.startServer();
            return postgres;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The connection URI, in the form {@code EDGEAUTH_DATABASE_URL} takes. */
    public String url() {
        return "postgresql://postgres@localhost:" + this.port + "/postgres";
    }

    public int port() {
        return this.port;
    }

    /** Stops the server; its data stays for {@link #restart()}. */
    public void stop() {
        try {
            if (this.server != null) {
                this.watchdog.close();
                this.server.close();
                this.server = null;
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Starts the server again, on the same port with the same data. */
    public void restart() {
        startServer();
    }

    @Override
    public void close() {
        stop();
        FileSystemUtils.deleteRecursively(this.dataDir.toFile());
    }

    private void startServer() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(this.dataDir)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off");
            if (this.port > 0) {
                builder.setPort(this.port);
            }
            this.server = builder.start();
            this.port = this.server.getPort();
            // Stopped with this JVM even when the test runner halts it.
            this.watchdog = PostmasterWatchdog.watch(this.dataDir, false);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
