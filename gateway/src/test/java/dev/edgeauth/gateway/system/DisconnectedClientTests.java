package dev.edgeauth.gateway.system;

import java.time.Duration;

import dev.edgeauth.gateway.testing.GatewayTestSupport;
import dev.edgeauth.gateway.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that hang up while the gateway authenticates, proxies or answers: nothing is
 * logged as an error and the gateway (and its pool of backend connections) keeps serving.
 */
@ExtendWith(OutputCaptureExtension.class)
class DisconnectedClientTests extends GatewayTestSupport {

    private static final int HANG_UPS = 300;

    @Test
    void requestsWhenClientsHangUpMidwayThenNothingLoggedAsAnErrorAndLaterRequestsAnswered(CapturedOutput output) {
        HttpClient http = HttpClient.create(ConnectionProvider.newConnection())
            .baseUrl("http://127.0.0.1:" + this.port);
        String token = bearer(TestTokens.valid(KEY).sign());
        Flux.range(0, HANG_UPS).flatMap((i) -> hangUp(http, token, i), 16).blockLast(Duration.ofSeconds(60));

        for (int i = 0; i < 50; i++) {
            assertThat(apiStatus(TestTokens.valid(KEY).sign())).isEqualTo(200);
        }
        assertThat(output).doesNotContain("unexpected_error").doesNotContain("AbortedException");
    }

    private static Mono<Void> hangUp(HttpClient http, String token, int attempt) {
        HttpClient.ResponseReceiver<?> request = switch (attempt % 3) {
            case 0 -> http.headers((h) -> h.set("Authorization", token)).get().uri("/api/tasks");
            case 1 -> http.headers((h) -> h.set("Content-Type", "application/json"))
                .post()
                .uri("/public/upload")
                .send(ByteBufFlux
                    .fromString(Flux.range(0, 20).map((i) -> "x".repeat(512)).delayElements(Duration.ofMillis(1))));
            default -> http.get().uri("/public/x");
        };
        return request.responseContent()
            .aggregate()
            .then()
            .timeout(Duration.ofMillis(attempt % 8))
            .onErrorResume((ex) -> Mono.empty());
    }

}
