package dev.edgeauth.common.problem;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.netty.channel.AbortedException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors that look like a client hang-up while the client is still connected: they come
 * from a backend or a database, and the client gets a problem, never an empty 200.
 */
class ProblemWebExceptionHandlerTests {

    private final ProblemWebExceptionHandler handler = new ProblemWebExceptionHandler(
            new ProblemResponseWriter(ServerCodecConfigurer.create()), List.of());

    @Test
    void handleWhenAbortedConnectionIsNotTheClientsThenInternalErrorProblem() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/tasks"));

        this.handler.handle(exchange, new AbortedException("Connection has been closed BEFORE send operation"))
            .block(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5)))
            .contains("\"code\":\"internal_error\"");
    }

    @Test
    void handleWhenConnectionResetIsNotTheClientsThenAnswered() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/auth/refresh"));

        this.handler
            .handle(exchange, new IllegalStateException("transaction", new IOException("Connection reset by peer")))
            .block(Duration.ofSeconds(5));

        assertThat(exchange.getResponse().getStatusCode()).isNotNull().matches((status) -> status.is5xxServerError());
        assertThat(exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5))).contains("\"code\":");
    }

}
