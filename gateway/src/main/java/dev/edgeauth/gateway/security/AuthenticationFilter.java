package dev.edgeauth.gateway.security;

import java.util.List;

import dev.edgeauth.common.logging.DecisionLog;
import dev.edgeauth.common.problem.ErrorCode;
import dev.edgeauth.common.problem.ProblemResponseWriter;
import dev.edgeauth.common.web.RequestIdFilter;
import dev.edgeauth.gateway.pipeline.GatewayStages;
import dev.edgeauth.gateway.revocation.RevokedSessions;
import dev.edgeauth.gateway.routing.RouteMetadata;
import dev.edgeauth.token.InvalidAccessTokenException;
import dev.edgeauth.token.InvalidAccessTokenException.Reason;
import org.jspecify.annotations.Nullable;
import org.slf4j.event.Level;
import reactor.core.Fuseable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * The authenticate stage: on a route that requires a token, the request goes on only with
 * a valid bearer access token (RFC 6750 §2.1) of a session that is not revoked; the
 * verified token is left in the exchange for the later stages.
 *
 * <p>
 * Every refusal is the same 401 {@code invalid_token} problem (with
 * {@code WWW-Authenticate: Bearer}, plus {@code error="invalid_token"} when a credential
 * was sent, RFC 6750 §3.1); the reason goes to the log as a code, never the token. An
 * unexpected failure while verifying is a refusal too (fail closed), never a 500.
 */
public final class AuthenticationFilter implements GlobalFilter, Ordered {

    private static final DecisionLog decisions = DecisionLog.of(AuthenticationFilter.class);

    private static final String BEARER_PREFIX = "bearer ";

    private final AccessTokenVerifier verifier;

    private final RevokedSessions revokedSessions;

    private final ProblemResponseWriter problems;

    AuthenticationFilter(AccessTokenVerifier verifier, RevokedSessions revokedSessions,
            ProblemResponseWriter problems) {
        Assert.notNull(verifier, "verifier cannot be null");
        Assert.notNull(revokedSessions, "revokedSessions cannot be null");
        Assert.notNull(problems, "problems cannot be null");
        this.verifier = verifier;
        this.revokedSessions = revokedSessions;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return GatewayStages.AUTHENTICATION;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = RouteMetadata.route(exchange);
        if (!RouteMetadata.tokenRequired(route)) {
            return chain.filter(exchange);
        }
        List<String> authorization = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
        if (authorization.isEmpty()) {
            return refuse(exchange, route, "missing_token");
        }
        if (authorization.size() > 1) {
            return refuse(exchange, route, "several_authorization_headers");
        }
        String token = bearerToken(authorization.get(0));
        if (token == null) {
            return refuse(exchange, route, "not_bearer");
        }
        Mono<AccessToken> verified = this.verifier.verify(token);
        AccessToken known = alreadyVerified(verified);
        if (known != null) {
            // A verified-token cache hit: no operators to assemble for an answer at hand.
            return proceed(exchange, chain, route, known);
        }
        return verified
            .onErrorMap((ex) -> !(ex instanceof InvalidAccessTokenException), AuthenticationFilter::failClosed)
            .onErrorResume(InvalidAccessTokenException.class,
                    (ex) -> refuse(exchange, route, ex.reason().code()).then(Mono.<AccessToken>empty()))
            .flatMap((accessToken) -> proceed(exchange, chain, route, accessToken));
    }

    private Mono<Void> proceed(ServerWebExchange exchange, GatewayFilterChain chain, @Nullable Route route,
            AccessToken accessToken) {
        // Checked on every request, after any verified-token cache: a revoked session's
        // token is refused as soon as the feed reports it.
        if (this.revokedSessions.isRevoked(accessToken.sessionId())) {
            return refuse(exchange, route, "session_revoked");
        }
        exchange.getAttributes().put(AccessToken.ATTRIBUTE, accessToken);
        return chain.filter(exchange);
    }

    // The value of a verification that is already over and succeeded (Mono.just), else
    // null.
    private static @Nullable AccessToken alreadyVerified(Mono<AccessToken> verified) {
        if (verified instanceof Fuseable.ScalarCallable<?> scalar) {
            try {
                return (AccessToken) scalar.call();
            }
            catch (Exception ex) {
                return null; // An error: the reactive path below reports it.
            }
        }
        return null;
    }

    private static InvalidAccessTokenException failClosed(Throwable ex) {
        decisions.error("verification_error", ex);
        return new InvalidAccessTokenException(Reason.VERIFICATION_ERROR);
    }

    // RFC 6750 §2.1: "Bearer" 1*SP b64token; the scheme is case-insensitive (RFC 9110
    // §11.1).
    private static @Nullable String bearerToken(String header) {
        if (header.length() <= BEARER_PREFIX.length()
                || !header.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return null;
        }
        String token = header.substring(BEARER_PREFIX.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private Mono<Void> refuse(ServerWebExchange exchange, @Nullable Route route, String reason) {
        if (decisions.isEnabled(Level.INFO)) {
            decisions.info(reason, "granted", false, "route", (route != null) ? route.getId() : "-", "request_id",
                    exchange.getAttribute(RequestIdFilter.ATTRIBUTE));
        }
        String detail = "missing_token".equals(reason) ? "A bearer access token is required"
                : "The access token is invalid, expired or revoked";
        return this.problems.write(exchange, ErrorCode.INVALID_TOKEN, detail);
    }

}
