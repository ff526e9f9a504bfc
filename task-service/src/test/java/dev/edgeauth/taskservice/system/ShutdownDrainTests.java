package dev.edgeauth.taskservice.system;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.edgeauth.taskservice.TaskServiceApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code edgeauth.shutdown.drain}: a stopping service answers readiness 503 and still
 * serves requests for the drain, and only then stops taking connections, so a load
 * balancer following readiness has time to send nothing new.
 */
class ShutdownDrainTests {

    /** Long enough that the test's requests land inside it. */
    private static final Duration DRAIN = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void stopWhenDrainSetThenReadinessDownWhileRequestsStillServedThenPortClosed() throws Exception {
        ConfigurableApplicationContext service = new SpringApplicationBuilder(TaskServiceApplication.class).run(
                "--server.port=0", "--management.server.port=0",
                "--edgeauth.shutdown.drain=" + DRAIN.toSeconds() + "s");
        int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
        int managementPort = Integer.parseInt(service.getEnvironment().getProperty("local.management.port"));
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(service::close);
        try {
            await("readiness down").atMost(DRAIN)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> status("http://127.0.0.1:" + managementPort + "/actuator/health/readiness") == 503);

            assertThat(status("http://127.0.0.1:" + port + "/api/tasks"))
                .as("a request during the drain, readiness already down")
                .isEqualTo(200);
            assertThat(stopped).as("stopped while draining").isNotDone();
        }
        finally {
            stopped.join();
        }
        assertThat(refuses(port)).as("the public port after the stop refuses connections").isTrue();
    }

    private int status(String url) throws IOException, InterruptedException {
        return this.http
            .send(HttpRequest.newBuilder(URI.create(url)).header("X-User-Id", UUID.randomUUID().toString()).build(),
                    HttpResponse.BodyHandlers.discarding())
            .statusCode();
    }

    private static boolean refuses(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return false;
        }
        catch (ConnectException ex) {
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

}
