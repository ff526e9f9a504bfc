package dev.edgeauth.gateway.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.edgeauth.gateway.testing.GatewayInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backend connection that closes after the request went out and before any answer (a
 * kept-alive connection the backend was closing): a GET is sent once more and answered; a
 * POST is not (it may have changed state), it is 503 {@code unavailable}.
 */
class IdempotentRetryTests {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ClosingBackend backend;

    private GatewayInstance gateway;

    @BeforeEach
    void start() {
        this.backend = new ClosingBackend();
        this.gateway = GatewayInstance.start("""
                routes:
                  - id: flaky
                    paths: [/flaky/**]
                    uri: http://127.0.0.1:%d
                    token-required: false
                """.formatted(this.backend.port()), Map.of());
    }

    @AfterEach
    void stop() {
        this.gateway.close();
        this.backend.close();
    }

    @Test
    void getWhenBackendClosesBeforeAnsweringThenSentOnceMoreAndAnswered() throws Exception {
        HttpResponse<String> response = send("GET", HttpRequest.BodyPublishers.noBody());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("second try");
        assertThat(this.backend.requests()).isEqualTo(2);
    }

    @Test
    void postWhenBackendClosesBeforeAnsweringThenNotSentAgainAndUnavailable() throws Exception {
        HttpResponse<String> response = send("POST", HttpRequest.BodyPublishers.ofString("{\"title\":\"once\"}"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"code\":\"unavailable\"");
        assertThat(this.backend.requests()).isEqualTo(1);
    }

    private HttpResponse<String> send(String method, HttpRequest.BodyPublisher body) throws Exception {
        return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.gateway.port() + "/flaky/x"))
            .header("Content-Type", "application/json")
            .method(method, body)
            .timeout(Duration.ofSeconds(10))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Reads each request's head; closes the connection without a byte on odd requests,
     * answers 200 "second try" on even ones.
     */
    private static final class ClosingBackend implements AutoCloseable {

        private final ServerSocket server;

        private final AtomicInteger requests = new AtomicInteger();

        private final Thread thread;

        ClosingBackend() {
            try {
                this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            this.thread = new Thread(this::serve, "closing-backend");
            this.thread.setDaemon(true);
            this.thread.start();
        }

        int port() {
            return this.server.getLocalPort();
        }

        int requests() {
            return this.requests.get();
        }

        private void serve() {
            while (!this.server.isClosed()) {
                try (Socket socket = this.server.accept()) {
                    readHead(socket.getInputStream());
                    if (this.requests.incrementAndGet() % 2 == 1) {
                        continue;
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 10\r\n"
                            + "Connection: close\r\n\r\nsecond try")
                        .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
                catch (IOException ex) {
                    // closed
                }
            }
        }

        private static void readHead(InputStream in) throws IOException {
            int matched = 0;
            byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            while (matched < end.length) {
                int next = in.read();
                if (next < 0) {
                    return;
                }
                matched = (next == end[matched]) ? matched + 1 : ((next == end[0]) ? 1 : 0);
            }
        }

        @Override
        public void close() {
            try {
                this.server.close();
            }
            catch (IOException ex) {
                // closing anyway
            }
        }

    }

}
