package dev.edgeauth.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;

/**
 * A private {@code redis-server} on a free port, started and stopped by the test that
 * owns it (never the machine's shared Redis): no persistence, loopback only.
 */
public final class RedisServerProcess implements AutoCloseable {

    private final int port;

    private volatile Process process;

    private RedisServerProcess(int port) {
        this.port = port;
    }

    /** A server on a free port, not started yet. */
    public static RedisServerProcess onFreePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new RedisServerProcess(socket.getLocalPort());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public int port() {
        return this.port;
    }

    public String url() {
        return "redis://127.0.0.1:" + this.port;
    }

    /** Starts the server and waits until it accepts connections. */
    public void start() {
        try {
            this.process = new ProcessBuilder("redis-server", "--port", Integer.toString(this.port), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true)
                .start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("redis-server must be installed for this test", ex);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!accepts()) {
            if (Instant.now().isAfter(deadline) || !this.process.isAlive()) {
                throw new IllegalStateException("redis-server did not start on port " + this.port);
            }
            sleep(50);
        }
    }

    /** Stops this test's server (SIGTERM to its own process only). */
    public void stop() {
        Process running = this.process;
        if (running == null) {
            return;
        }
        running.destroy();
        try {
            running.waitFor();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        this.process = null;
    }

    @Override
    public void close() {
        stop();
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
