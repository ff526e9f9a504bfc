package dev.edgeauth.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One edgeauth service running from its packaged jar as a real process, with its own
 * environment, log file and ports; started, stopped (SIGTERM: graceful) and started again
 * on the same ports and data.
 */
final class ServiceProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final String name;

    private final Path jar;

    private final Path log;

    private final Map<String, String> environment;

    private final int port;

    private final int managementPort;

    private Process process;

    ServiceProcess(String name, Path jar, Path log, int port, int managementPort, Map<String, String> environment) {
        this.name = name;
        this.jar = jar;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
        this.environment = Map.copyOf(environment);
    }

    int port() {
        return this.port;
    }

    String url() {
        return "http://localhost:" + this.port;
    }

    /** The management port's base URL (loopback: where it listens by default). */
    String managementUrl() {
        return "http://127.0.0.1:" + this.managementPort;
    }

    /**
     * Starts the service with its module's JVM options and class-data archive, as
     * {@code ./edgeauth} does, and C1 only: tests start many times and run short.
     */
    void start() {
        Path module = this.jar.getParent().getParent().getParent();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "@" + module.resolve("jvm.options"), "-XX:TieredStopAtLevel=1"));
        Path archive = this.jar.resolveSibling("app.jsa");
        if (Files.exists(archive)) {
            command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        command.addAll(List.of("-jar", this.jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
        builder.directory(this.log.getParent().toFile());
        builder.environment().putAll(this.environment);
        try {
            this.process = builder.start();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot start " + this.name, ex);
        }
    }

    /** Waits until the service's readiness probe answers UP. */
    void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI readiness = URI.create("http://localhost:" + this.managementPort + "/actuator/health/readiness");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException(this.name + " exited during start-up; see " + this.log);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(readiness).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            }
            catch (IOException ex) {
                // not listening yet
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(ex);
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(this.name + " not ready after " + READY_TIMEOUT + "; see " + this.log);
    }

    /** Whether the process is alive. */
    boolean isRunning() {
        return this.process != null && this.process.isAlive();
    }

    /** Stops the service gracefully (SIGTERM), forcibly after 30 s. */
    void stop() {
        if (this.process == null || !this.process.isAlive()) {
            return;
        }
        this.process.destroy();
        try {
            if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    String logTail() {
        try {
            String text = Files.readString(this.log);
            return text.substring(Math.max(0, text.length() - 4000));
        }
        catch (IOException ex) {
            return "(no log)";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
