package dev.edgeauth.e2e;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One edgeauth service running from its packaged jar as a real process, with its own
 * environment, log file and ports; started, stopped (SIGTERM: graceful) or killed
 * (SIGKILL), and started again on the same ports and data.
 */
final class ServiceProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;

    private final String service;

    private final Path log;

    private final Map<String, String> environment;

    private final int port;

    private final int managementPort;

    private Process process;

    ServiceProcess(String name, Path log, int port, int managementPort, Map<String, String> environment) {
        this(name, name, log, port, managementPort, environment);
    }

    /**
     * A second instance of a service under a name of its own.
     * @param name its name, for messages
     * @param service the service it runs (its jar and jvm.options)
     * @param log its log file
     * @param port its public port
     * @param managementPort its management port
     * @param environment its environment
     */
    ServiceProcess(String name, String service, Path log, int port, int managementPort,
            Map<String, String> environment) {
        this.name = name;
        this.service = service;
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
     * Starts the service with the JVM arguments {@code ./edgeauth} gives it (its
     * jvm.options, its memory budget, its class-data archive), and C1 only: tests start
     * many times and run short.
     */
    void start() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(edgeauthJavaArgs(this.service));
        command.add(command.indexOf("-jar"), "-XX:TieredStopAtLevel=1");
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

    // ./edgeauth java-args NAME: one argument a line.
    private static List<String> edgeauthJavaArgs(String name) {
        Path root = Path.of("..").toAbsolutePath().normalize();
        try {
            Process process = new ProcessBuilder(root.resolve("edgeauth").toString(), "java-args", name)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
            List<String> args = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
            if (process.waitFor() != 0 || !args.contains("-jar")) {
                throw new IllegalStateException("./edgeauth java-args " + name + " failed; run ./mvnw verify");
            }
            return args;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
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

    /**
     * The readiness probe's status now: 200 ready, 503 refusing traffic, 0 when the
     * management port refuses the connection (the service is gone or going).
     */
    int readiness() {
        try {
            return management("/actuator/health/readiness", HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (UncheckedIOException ex) {
            if (ex.getCause() instanceof ConnectException) {
                return 0;
            }
            throw ex;
        }
    }

    /**
     * A gauge's value on the service's Prometheus endpoint (the sum over its labels).
     * @param name the Prometheus name
     * @return the value
     */
    double metric(String name) {
        return metricSum((line) -> line.startsWith(name + "{") || line.startsWith(name + " "));
    }

    /**
     * Requests of a method the service is handling now, by its
     * {@code http.server.requests.active} metric.
     * @param method the HTTP method
     * @return how many are in flight
     */
    long activeRequests(String method) {
        return (long) metricSum((line) -> line.startsWith("http_server_requests_active_seconds_count{")
                && line.contains("method=\"" + method + "\""));
    }

    // The sum of the values of the Prometheus lines a test picks.
    private double metricSum(Predicate<String> lines) {
        return management("/actuator/prometheus", HttpResponse.BodyHandlers.ofString()).body()
            .lines()
            .filter(lines)
            .mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .sum();
    }

    // One GET on the management port (health and Prometheus need no token).
    private <T> HttpResponse<T> management(String path, HttpResponse.BodyHandler<T> body) {
        try {
            return PROBE.send(
                    HttpRequest.newBuilder(URI.create(managementUrl() + path)).timeout(Duration.ofSeconds(5)).build(),
                    body);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Sends SIGTERM and returns at once: the service shuts down gracefully meanwhile.
     */
    void terminate() {
        this.process.destroy();
    }

    /**
     * Waits for the process to end.
     * @param timeout how long at most
     * @return its exit status
     */
    int awaitExit(Duration timeout) {
        try {
            if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(this.name + " still running " + timeout + " after SIGTERM");
            }
            return this.process.exitValue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
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

    /**
     * Kills the service at once (SIGKILL), as a crash or the kernel's OOM killer would:
     * no shutdown hook and no graceful shutdown run.
     */
    void kill() {
        if (this.process == null || !this.process.isAlive()) {
            return;
        }
        this.process.destroyForcibly();
        try {
            this.process.waitFor(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** The running process's id: the same one before and after means no restart. */
    long pid() {
        return this.process.pid();
    }

    /**
     * The data folder of the service's embedded PostgreSQL, as the stack configured it.
     */
    Path embeddedDatabaseDir() {
        return Path.of(this.environment.get("EDGEAUTH_DATABASE_EMBEDDED_DATA_DIR"));
    }

    @Override
    public String toString() {
        return this.name;
    }

    /** Where the log ends now: a mark for {@link #errorsLoggedSince(long)}. */
    long logLength() {
        return this.log.toFile().length();
    }

    /**
     * The log written after a mark.
     * @param mark a {@link #logLength()} taken earlier
     * @return the text
     */
    String logSince(long mark) {
        try (RandomAccessFile file = new RandomAccessFile(this.log.toFile(), "r")) {
            byte[] tail = new byte[(int) Math.max(0, file.length() - mark)];
            file.seek(mark);
            file.readFully(tail);
            return new String(tail, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The log's ERROR lines written after a mark: a fault the service handles is a WARN
     * with a reason, never an ERROR with a stack trace.
     * @param mark a {@link #logLength()} taken earlier
     * @return the lines, empty when there are none
     */
    List<String> errorsLoggedSince(long mark) {
        return logSince(mark).lines()
            .filter((line) -> line.contains(" ERROR ") || line.contains("\"level\":\"ERROR\""))
            .toList();
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
