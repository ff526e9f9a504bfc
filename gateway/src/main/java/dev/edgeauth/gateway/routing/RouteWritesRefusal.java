package dev.edgeauth.gateway.routing;

import java.util.Map;
import java.util.regex.Pattern;

import dev.edgeauth.common.problem.ErrorCode;
import dev.edgeauth.common.problem.ProblemResponseWriter;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Answers the actuator's route writes ({@code POST /actuator/gateway/routes},
 * {@code POST}/{@code DELETE /actuator/gateway/routes/{id}}) with 405 problem+json and
 * {@code Allow: GET} (RFC 9110 §15.5.6), before Spring Cloud Gateway's controller reads
 * the body: routes come only from the routes file. Reading routes and
 * {@code POST /actuator/gateway/refresh} (which re-reads the file's routes, behind the
 * operator token) pass.
 *
 * <p>
 * It runs in the management server's context, after the operator-token check (so a caller
 * without the token learns nothing but 401).
 */
final class RouteWritesRefusal implements WebFilter, Ordered {

    /** After {@code ManagementAccessFilter}. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    private final Pattern routes;

    private final ProblemResponseWriter problems;

    RouteWritesRefusal(String basePath, ProblemResponseWriter problems) {
        this.routes = Pattern.compile(Pattern.quote(basePath) + "/gateway/routes(/[^/]+)?/?");
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        boolean write = !HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)
                && !HttpMethod.OPTIONS.equals(method);
        if (!write || !this.routes.matcher(exchange.getRequest().getPath().pathWithinApplication().value()).matches()) {
            return chain.filter(exchange);
        }
        return this.problems.write(exchange, ErrorCode.METHOD_NOT_ALLOWED,
                "Routes are read-only here: they come only from the routes file (edgeauth.gateway.routes-file)", null,
                Map.of(HttpHeaders.ALLOW, "GET"));
    }

}
