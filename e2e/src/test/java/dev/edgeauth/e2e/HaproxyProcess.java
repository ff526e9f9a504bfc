package dev.edgeauth.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code haproxy} running the repository's {@code haproxy/haproxy.cfg} (the one
 * {@code compose.scale-out.yaml} runs), its addresses from the environment, in the
 * foreground as a child of the test JVM.
 */
final class HaproxyProcess {

    private static final Path CONFIG = Path.of("..", "haproxy", "haproxy.cfg").toAbsolutePath().normalize();

    private final Process process;

    private HaproxyProcess(Process process) {
        this.process = process;
    }

    /**
     * Checks the configuration, starts HAProxy and waits until a frontend listens.
     * @param environment the {@code EDGEAUTH_LB_*} addresses
     * @param log its output
     * @param listening a port one of its frontends binds
     * @return the running proxy
     */
    static HaproxyProcess start(Map<String, String> environment, Path log, int listening) {
        try {
            Process check = launch(environment, log, "-c", "-f", CONFIG.toString());
            if (!check.waitFor(10, TimeUnit.SECONDS) || check.exitValue() != 0) {
                throw new IllegalStateException("haproxy -c refused " + CONFIG + "; see " + log);
            }
            HaproxyProcess haproxy = new HaproxyProcess(launch(environment, log, "-db", "-f", CONFIG.toString()));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!listens(listening)) {
                if (!haproxy.process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("haproxy did not start; see " + log);
                }
                Thread.sleep(50);
            }
            return haproxy;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    void stop() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    // haproxy with these arguments, the addresses in its environment, its output appended
    // to the log.
    private static Process launch(Map<String, String> environment, Path log, String... arguments) {
        List<String> command = new ArrayList<>(List.of("haproxy"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            return builder.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("haproxy must be installed for the scale-out tests (.ci/run installs it)",
                    ex);
        }
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

}
