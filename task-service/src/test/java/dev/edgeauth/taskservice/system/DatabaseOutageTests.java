package dev.edgeauth.taskservice.system;

import java.time.Duration;
import java.util.UUID;

import dev.edgeauth.database.testing.PrivatePostgres;
import dev.edgeauth.common.testing.WholeResponseConnector;
import dev.edgeauth.taskservice.TaskServiceApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database stops mid-run: requests get 503 {@code unavailable} with
 * {@code Retry-After} quickly, and the service recovers by itself when the database is
 * back, with the data intact. The database is a private one this test starts, never the
 * machine's shared server.
 */
class DatabaseOutageTests {

    private static PrivatePostgres postgres;

    private static ConfigurableApplicationContext service;

    private static WebTestClient client;

    @BeforeAll
    static void startServiceOnPrivateDatabase() {
        postgres = PrivatePostgres.start();
        service = new SpringApplicationBuilder(TaskServiceApplication.class)
            .run("--edgeauth.database.url=" + postgres.url(), "--server.port=0", "--management.server.port=0");
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        client = WholeResponseConnector.bindToServer("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(30))
            .defaultHeader("X-User-Id", UUID.randomUUID().toString())
            .build();
    }

    @AfterAll
    static void stopAll() {
        if (service != null) {
            service.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void requestWhenDatabaseStoppedThenUnavailableFastAndRecoversWhenItReturns() {
        client.post()
            .uri("/api/tasks")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"title\":\"survives the outage\"}")
            .exchange()
            .expectStatus()
            .isCreated();

        postgres.stop();

        long started = System.nanoTime();
        client.get()
            .uri("/api/tasks")
            .exchange()
            .expectStatus()
            .isEqualTo(503)
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectHeader()
            .exists("Retry-After")
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("unavailable");
        // The contract's bound for a dead dependency ("answered quickly"); the acceptance
        // says within 5 s.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        postgres.restart();

        await().atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(250))
            .untilAsserted(() -> client.get()
                .uri("/api/tasks")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].title")
                .isEqualTo("survives the outage"));
    }

}
