package dev.edgeauth.gateway.system;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import dev.edgeauth.common.logging.DecisionLog;
import dev.edgeauth.common.problem.ErrorCode;
import dev.edgeauth.common.problem.ProblemResponseWriter;
import dev.edgeauth.common.web.ClientConnection;
import dev.edgeauth.common.web.RequestIdFilter;
import dev.edgeauth.gateway.pipeline.GatewayStages;
import dev.edgeauth.gateway.routing.RouteMetadata;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * A backend that is down, refuses the connection, resets it or does not answer within its
 * timeouts is 503 {@code unavailable} with {@code Retry-After} (contract: "a dependency
 * is down"), never a 500 or Spring Cloud Gateway's bare 504. The cause goes to the log
 * only.
 */
public final class BackendFailureFilter implements GlobalFilter, Ordered {

    /** The same wait as every other 503 of the platform (specs/decisions.md D7). */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final DecisionLog decisions = DecisionLog.of(BackendFailureFilter.class);

    private static final int MAX_DEPTH = 16;

    private final ProblemResponseWriter problems;

    public BackendFailureFilter(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return GatewayStages.ERRORS;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        // A client that hung up is not a backend failure (the error handler drops it
        // quietly).
        return chain.filter(exchange)
            .onErrorResume((ex) -> backendFailure(ex) != null && !ClientConnection.closed(exchange), (ex) -> {
                Route route = RouteMetadata.route(exchange);
                decisions.warn("backend_unavailable", "route", (route != null) ? route.getId() : "-", "cause",
                        backendFailure(ex), "request_id", exchange.getAttribute(RequestIdFilter.ATTRIBUTE));
                if (exchange.getResponse().isCommitted()) {
                    return Mono.error(ex);
                }
                return this.problems.write(exchange, ErrorCode.UNAVAILABLE,
                        "The service is unavailable; try again shortly", RETRY_AFTER, Map.of());
            });
    }

    /** The name of the failure when it means "the backend is unavailable", else null. */
    static @Nullable String backendFailure(Throwable ex) {
        Throwable current = ex;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            // AbortedException: the pooled backend connection closed before the request
            // went
            // out (a RuntimeException, unlike PrematureCloseException).
            if (current instanceof IOException || current instanceof TimeoutException
                    || current instanceof org.springframework.cloud.gateway.support.TimeoutException
                    || current instanceof AbortedException) {
                return current.getClass().getSimpleName();
            }
            if (current instanceof ResponseStatusException status
                    && (status.getStatusCode().value() == 502 || status.getStatusCode().value() == 504)) {
                return "status_" + status.getStatusCode().value();
            }
            current = current.getCause();
        }
        return null;
    }

}
