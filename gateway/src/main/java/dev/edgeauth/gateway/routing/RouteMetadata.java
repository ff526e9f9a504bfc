package dev.edgeauth.gateway.routing;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the routes file says about a route beyond where it goes, kept as route metadata
 * and read by the later stages (authentication, rate limiting, identity headers).
 */
public final class RouteMetadata {

    /** {@code Boolean}: a valid bearer access token is needed. */
    public static final String TOKEN_REQUIRED = "edgeauth.token-required";

    /**
     * {@code List<RateLimitPolicy>}: the route's rate-limit policies in the order they
     * apply; absent when none.
     */
    public static final String RATE_LIMIT_POLICIES = "edgeauth.rate-limit-policies";

    /**
     * {@code Boolean}: the client's {@code Authorization} header travels to the backend.
     */
    public static final String FORWARD_AUTHORIZATION = "edgeauth.forward-authorization";

    private RouteMetadata() {
    }

    /** The route the exchange was matched to, or {@code null} before routing. */
    public static @Nullable Route route(ServerWebExchange exchange) {
        return exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
    }

    /**
     * Whether the route needs a token. Fails closed: a route without the entry (one not
     * from the routes file) requires a token.
     */
    public static boolean tokenRequired(@Nullable Route route) {
        return route == null || !Boolean.FALSE.equals(route.getMetadata().get(TOKEN_REQUIRED));
    }

    public static boolean forwardAuthorization(@Nullable Route route) {
        return route != null && Boolean.TRUE.equals(route.getMetadata().get(FORWARD_AUTHORIZATION));
    }

    /** The route's rate-limit policies in the order they apply; empty when none. */
    @SuppressWarnings("unchecked")
    public static List<RateLimitPolicy> rateLimitPolicies(@Nullable Route route) {
        if (route == null) {
            return List.of();
        }
        Object policies = route.getMetadata().get(RATE_LIMIT_POLICIES);
        return (policies instanceof List<?> list) ? (List<RateLimitPolicy>) list : List.of();
    }

}
