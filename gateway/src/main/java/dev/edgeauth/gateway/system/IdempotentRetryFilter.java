package dev.edgeauth.gateway.system;

import java.util.Set;

import dev.edgeauth.common.logging.DecisionLog;
import dev.edgeauth.common.web.ClientConnection;
import dev.edgeauth.common.web.RequestIdFilter;
import dev.edgeauth.gateway.pipeline.GatewayStages;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sends an idempotent request ({@code GET}, {@code HEAD}, {@code OPTIONS}) to its backend
 * once more when the backend connection closed before any answer: a pooled keep-alive
 * connection the backend closed as the request went out. The request cannot have been
 * answered, and the method says a second delivery changes nothing (RFC 9110 §9.2.2);
 * nginx's {@code proxy_next_upstream error} does the same by default. Nothing else is
 * tried again: not a refused connection (the backend is down, a second try would only
 * wait), not a timeout, never a request with a body that changes state.
 *
 * <p>
 * It sits right before the proxying step, after authentication and the rate limits, so a
 * second try is not counted twice.
 */
public final class IdempotentRetryFilter implements GlobalFilter, Ordered {

    private static final DecisionLog decisions = DecisionLog.of(IdempotentRetryFilter.class);

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    // Reactor Netty's message when the connection closed after the request went out and
    // before the response's first byte (its DURING-response one is not retried).
    private static final String BEFORE_RESPONSE = "BEFORE response";

    private static final int MAX_DEPTH = 16;

    @Override
    public int getOrder() {
        return GatewayStages.BACKEND_RETRY;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!IDEMPOTENT.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange)
            .onErrorResume((ex) -> closedBeforeResponse(ex) && !exchange.getResponse().isCommitted()
                    && !ClientConnection.closed(exchange), (ex) -> {
                        decisions.info("backend_retry", "cause", "connection_closed_before_response", "request_id",
                                exchange.getAttribute(RequestIdFilter.ATTRIBUTE));
                        ServerWebExchangeUtils.reset(exchange);
                        return chain.filter(exchange);
                    });
    }

    static boolean closedBeforeResponse(Throwable ex) {
        Throwable current = ex;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (current instanceof PrematureCloseException premature && premature.getMessage() != null
                    && premature.getMessage().contains(BEFORE_RESPONSE)) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

}
