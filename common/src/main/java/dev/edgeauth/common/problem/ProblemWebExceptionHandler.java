package dev.edgeauth.common.problem;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.edgeauth.common.logging.DecisionLog;
import dev.edgeauth.common.web.ClientConnection;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Renders every error that reaches the web layer, from a controller, a filter or the
 * framework, as a contract problem. It runs before Spring Boot's own error handler, so no
 * error is ever answered with Boot's default JSON, a stack trace or a class name.
 *
 * <p>
 * Unexpected failures are logged with their stack trace here and answered with a bare 500
 * {@code internal_error}; a dependency that is down is 503 {@code unavailable} with
 * {@code Retry-After}; a client that hung up gets nothing and costs one debug line.
 */
public final class ProblemWebExceptionHandler implements WebExceptionHandler, Ordered {

    /** Before Spring Boot's {@code DefaultErrorWebExceptionHandler} (-1). */
    public static final int ORDER = -2;

    private static final DecisionLog decisions = DecisionLog.of(ProblemWebExceptionHandler.class);

    private static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

    private final ProblemResponseWriter writer;

    private final UnavailableDependency unavailable;

    /**
     * The handler.
     * @param writer writes the problems
     * @param unavailableCauses the failures, besides timeouts and refused connections,
     * that mean a dependency is down (503)
     */
    public ProblemWebExceptionHandler(ProblemResponseWriter writer, List<UnavailableCause> unavailableCauses) {
        this.writer = writer;
        this.unavailable = new UnavailableDependency(unavailableCauses);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (ClientConnection.closed(exchange) && DisconnectedClientHelper.isClientDisconnectedException(ex)) {
            // The client hung up: nobody to answer, nothing went wrong here. The same
            // exceptions from a backend or a database, with the client still there, are
            // answered below.
            decisions.debug("client_disconnected", "path", exchange.getRequest().getPath().value());
            return Mono.empty();
        }
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        if (ex instanceof ApiException api) {
            return this.writer.write(exchange, api);
        }
        if (ex instanceof ErrorResponse errorResponse) {
            return handleErrorResponse(exchange, errorResponse, ex);
        }
        if (this.unavailable.isCause(ex)) {
            decisions.warn("dependency_unavailable", "path", exchange.getRequest().getPath().value(), "cause",
                    this.unavailable.describe(ex));
            return this.writer.write(exchange, ErrorCode.UNAVAILABLE, "A dependency is unavailable; try again shortly",
                    UNAVAILABLE_RETRY_AFTER, Map.of());
        }
        decisions.error("unexpected_error", ex, "path", exchange.getRequest().getPath().value());
        return this.writer.write(exchange, ErrorCode.INTERNAL_ERROR, "An unexpected error occurred");
    }

    private Mono<Void> handleErrorResponse(ServerWebExchange exchange, ErrorResponse errorResponse, Throwable ex) {
        int status = errorResponse.getStatusCode().value();
        ErrorCode code = ErrorCode.forStatus(status);
        if (code == ErrorCode.INTERNAL_ERROR) {
            decisions.error("framework_error", ex, "path", exchange.getRequest().getPath().value());
        }
        return this.writer.write(exchange, code, detail(errorResponse, code), null, headersToCopy(errorResponse));
    }

    private static String detail(ErrorResponse errorResponse, ErrorCode code) {
        if (errorResponse instanceof WebExchangeBindException bind) {
            return InputErrorDetails.describe(bind);
        }
        if (errorResponse instanceof ServerWebInputException input) {
            return InputErrorDetails.describe(input);
        }
        return switch (code) {
            case NOT_FOUND -> "No such resource";
            case PAYLOAD_TOO_LARGE -> "The request body is larger than the configured limit";
            case UNSUPPORTED_MEDIA_TYPE -> "The request body must be application/json";
            case METHOD_NOT_ALLOWED -> "This method is not allowed on this resource";
            case NOT_ACCEPTABLE -> "This resource answers application/json only";
            default -> code.title();
        };
    }

    // Only headers that belong to the error itself (Allow on 405, Accept on 415), never
    // anything else.
    private static Map<String, String> headersToCopy(ErrorResponse errorResponse) {
        Map<String, String> headers = new LinkedHashMap<>();
        HttpHeaders source = errorResponse.getHeaders();
        for (String name : new String[] { HttpHeaders.ALLOW, HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_PATCH }) {
            String value = String.join(", ", source.getOrEmpty(name));
            if (!value.isEmpty()) {
                headers.put(name, value);
            }
        }
        return headers;
    }

}
