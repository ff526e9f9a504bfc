package dev.edgeauth.gateway.system;

import java.time.Duration;

import dev.edgeauth.common.testing.WholeResponseConnector;
import dev.edgeauth.gateway.testing.GatewayTestSupport;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backends down, oversized bodies and the management port.
 */
class ResilienceTests extends GatewayTestSupport {

    @Test
    void requestWhenBackendDownThenUnavailableFastWithRetryAfter() {
        long started = System.nanoTime();
        this.client.get()
            .uri("/down/anything")
            .exchange()
            .expectStatus()
            .isEqualTo(503)
            .expectHeader()
            .valueEquals(HttpHeaders.RETRY_AFTER, "5")
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("unavailable");
        // "Fast": a refused connection is answered at once, far inside the connect
        // timeout.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void backendClientWhenStartedThenHasTheConfiguredConnectTimeout(@Autowired HttpClient backendClient) {
        assertThat(backendClient.configuration().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS)).isEqualTo(2000);
    }

    @Test
    void requestWhenBodyLargerThanLimitThenPayloadTooLarge() {
        this.client.post()
            .uri("/public/upload")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("\"" + "x".repeat(70 * 1024) + "\"")
            .exchange()
            .expectStatus()
            .isEqualTo(413)
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("payload_too_large");
        assertThat(BACKEND.requests()).isEmpty();
    }

    @Test
    void requestWhenChunkedBodyGrowsPastLimitThenPayloadTooLarge() {
        // A Flux body goes out chunked, without Content-Length: counted as it streams.
        this.client.post()
            .uri("/public/upload")
            .contentType(MediaType.TEXT_PLAIN)
            .body(Flux.range(0, 70).map((i) -> "x".repeat(1024)), String.class)
            .exchange()
            .expectStatus()
            .isEqualTo(413)
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("payload_too_large");
    }

    @Test
    void requestWhenChunkedBodyWithinLimitThenForwardedWhole() {
        this.client.post()
            .uri("/public/upload")
            .contentType(MediaType.APPLICATION_JSON)
            .body(Flux.just("{\"title\":", "\"a\"}"), String.class)
            .exchange()
            .expectStatus()
            .isOk();
        assertThat(BACKEND.requests()).singleElement().satisfies((request) -> {
            assertThat(request.body()).isEqualTo("{\"title\":\"a\"}");
            assertThat(request.values("Transfer-Encoding")).containsExactly("chunked");
        });
    }

    @Test
    void requestWhenBodyWithinLimitThenForwarded() {
        this.client.post()
            .uri("/public/upload")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"title\":\"a\"}")
            .exchange()
            .expectStatus()
            .isOk();
        assertThat(BACKEND.requests()).singleElement().extracting((r) -> r.body()).isEqualTo("{\"title\":\"a\"}");
    }

    @Test
    void managementWhenCalledOnPublicPortThenNotFound() {
        for (String path : new String[] { "/actuator/health", "/actuator/prometheus", "/actuator/gateway/routes" }) {
            this.client.get().uri(path).exchange().expectStatus().isNotFound();
        }
        this.client.post().uri("/actuator/gateway/refresh").exchange().expectStatus().isNotFound();
    }

    @Test
    void managementWhenCalledOnManagementPortThenAnswers() {
        WebTestClient management = WholeResponseConnector.bindToServer("http://127.0.0.1:" + this.managementPort)
            .build();
        management.get().uri("/actuator/health").exchange().expectStatus().isOk();
        management.get()
            .uri("/actuator/gateway/routes")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$[?(@.route_id == 'api' || @.id == 'api')]")
            .exists();
        management.post().uri("/actuator/gateway/refresh").exchange().expectStatus().isOk();
    }

}
