package dev.edgeauth.common.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdFilterTests {

    private final RequestIdFilter filter = new RequestIdFilter();

    @Test
    void filterWhenSafeIdSentThenPassedOnAndEchoedOnce() {
        MockServerWebExchange exchange = MockServerWebExchange
            .from(MockServerHttpRequest.get("/").header("X-Request-Id", "abc-123"));
        String[] seen = new String[1];
        this.filter.filter(exchange, (next) -> {
            seen[0] = next.getAttribute(RequestIdFilter.ATTRIBUTE);
            // A proxied backend echoes the id too.
            next.getResponse().getHeaders().add("X-Request-Id", "abc-123");
            return next.getResponse().setComplete();
        }).as(StepVerifier::create).verifyComplete();

        assertThat(seen[0]).isEqualTo("abc-123");
        assertThat(exchange.getResponse().getHeaders().get("X-Request-Id")).isEqualTo(List.of("abc-123"));
    }

    @Test
    void filterWhenUnsafeIdSentThenReplacedForLaterStagesAndOnResponse() {
        MockServerWebExchange exchange = MockServerWebExchange
            .from(MockServerHttpRequest.get("/").header("X-Request-Id", "bad id\r\nX-User-Id: 1"));
        String[] seen = new String[1];
        this.filter.filter(exchange, (next) -> {
            seen[0] = next.getAttribute(RequestIdFilter.ATTRIBUTE);
            return next.getResponse().setComplete();
        }).as(StepVerifier::create).verifyComplete();

        assertThat(seen[0]).matches("[0-9a-f]{32}");
        assertThat(exchange.getResponse().getHeaders().getFirst("X-Request-Id")).isEqualTo(seen[0]);
    }

}
