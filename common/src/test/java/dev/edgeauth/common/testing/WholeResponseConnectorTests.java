package dev.edgeauth.common.testing;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class WholeResponseConnectorTests {

    private DisposableServer server;

    private ConnectionProvider pool;

    private final AtomicInteger answered = new AtomicInteger();

    @BeforeEach
    void start() {
        this.server = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .route((routes) -> routes
                .get("/json",
                        (request, response) -> response.withConnection((c) -> this.answered.incrementAndGet())
                            .header("Content-Type", "application/json")
                            // The end of the body comes after the headers, as from a
                            // proxy: a
                            // test that asserts only the status is done before it
                            // arrives.
                            .sendString(Flux.just("{\"ok\":")
                                .concatWith(Mono.delay(Duration.ofMillis(50)).thenReturn("true}"))))
                .get("/empty", (request, response) -> response.status(204).send()))
            .bindNow();
        this.pool = ConnectionProvider.builder("two")
            .maxConnections(2)
            .pendingAcquireTimeout(Duration.ofSeconds(30))
            .build();
    }

    @AfterEach
    void stop() {
        this.server.disposeNow();
        this.pool.disposeLater().block(Duration.ofSeconds(5));
    }

    @Test
    void statusOnlyAssertionsWhenBodiesUnreadThenPoolOfTwoServesFiftyRequests() {
        WebTestClient client = client(new WholeResponseConnector(connector()));
        for (int i = 0; i < 50; i++) {
            client.get().uri("/json").exchange().expectStatus().isOk();
        }
        // With a pool of two, each of these would wait for a connection held by an unread
        // body (and time out after 2 s) if the connector did not read them.
        assertThat(this.answered).hasValue(50);
    }

    @Test
    void statusOnlyAssertionsWithPlainConnectorThenPoolRunsDry() {
        // The failure this connector exists for: two unread bodies hold both
        // connections, and the third request gets no connection.
        WebTestClient client = client(connector());
        assertThatIllegalStateException().isThrownBy(() -> {
            for (int i = 0; i < 3; i++) {
                client.get().uri("/json").exchange().expectStatus().isOk();
            }
        }).withMessageContaining("Timeout");
    }

    @Test
    void bodyWhenReadByTheTestThenWholeAndRepeatable() {
        WebTestClient client = client(new WholeResponseConnector(connector()));
        client.get().uri("/json").exchange().expectBody().jsonPath("$.ok").isEqualTo(true);
        client.get().uri("/empty").exchange().expectStatus().isNoContent().expectBody().isEmpty();
        assertThat(client.get()
            .uri("/json")
            .accept(MediaType.APPLICATION_JSON)
            .exchange()
            .returnResult(String.class)
            .getResponseBody()
            .collectList()
            .block(Duration.ofSeconds(5))).containsExactly("{\"ok\":true}");
    }

    private ReactorClientHttpConnector connector() {
        return new ReactorClientHttpConnector(HttpClient.create(this.pool));
    }

    private WebTestClient client(org.springframework.http.client.reactive.ClientHttpConnector connector) {
        return WebTestClient.bindToServer(connector)
            .baseUrl("http://127.0.0.1:" + this.server.port())
            .responseTimeout(Duration.ofSeconds(2))
            .build();
    }

}
