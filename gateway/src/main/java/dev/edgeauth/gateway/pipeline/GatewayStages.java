package dev.edgeauth.gateway.pipeline;

import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.core.Ordered;

/**
 * The stages a request passes through the gateway, in execution order: each stage's
 * filter takes its order from here, so this class is where the pipeline is read, and
 * {@code specs/gateway.md} ("Stages") lists the same stages the same way. Spring Cloud
 * Gateway runs its global filters by ascending order; a lower number runs first and wraps
 * everything after it.
 *
 * <p>
 * Before these, on every request: common's {@code RequestIdFilter} (a WebFilter, first of
 * all) and the route match (no route: 404).
 *
 * <ol>
 * <li>{@link #ERRORS}: {@code system/BackendFailureFilter}</li>
 * <li>{@link #CLIENT_RATE_LIMIT}: {@code ratelimit/RateLimitFilter}, key {@code ip}</li>
 * <li>{@link #REQUEST_SIZE}: {@code system/RequestSizeLimitFilter}</li>
 * <li>{@link #AUTHENTICATION}: {@code security/AuthenticationFilter}</li>
 * <li>{@link #USER_RATE_LIMIT}: {@code ratelimit/RateLimitFilter}, key {@code user}</li>
 * <li>{@link #REQUEST_URL}: {@code routing/RequestUrlFilter}</li>
 * <li>{@link #IDENTITY_HEADERS}: {@code identity/IdentityHeadersFilter} (request) and
 * {@code identity/BackendResponseHeadersFilter} (response), applied by the proxy
 * stage</li>
 * <li>{@link #BACKEND_RETRY}: {@code system/IdempotentRetryFilter}</li>
 * <li>{@link #PROXY}: Spring Cloud Gateway's {@code NettyRoutingFilter} and
 * {@code NettyWriteResponseFilter}</li>
 * </ol>
 */
public final class GatewayStages {

    /**
     * Errors: a backend that is down, refuses, resets or times out becomes 503
     * {@code unavailable}. Outermost, so it sees the proxy stage's failures.
     */
    public static final int ERRORS = Ordered.HIGHEST_PRECEDENCE + 100;

    /**
     * Per-IP rate limits, keyed by the client address (the peer, or
     * {@code X-Forwarded-For} from a trusted proxy): before the size check and the
     * signature check, so a flood costs a window lookup. Also registers the rate-limit
     * headers of every response of a limited route.
     */
    public static final int CLIENT_RATE_LIMIT = -2500;

    /**
     * Request size: a body over {@code edgeauth.gateway.max-body-size} is 413, before
     * authentication, so a refused body costs no signature check.
     */
    public static final int REQUEST_SIZE = -2000;

    /**
     * Authentication, on routes that require a token: the bearer token verified, its
     * session not revoked, the caller put in the exchange.
     */
    public static final int AUTHENTICATION = -1000;

    /**
     * Per-user rate limits, keyed by the verified {@code sub}: right after
     * authentication.
     */
    public static final int USER_RATE_LIMIT = -900;

    /**
     * The backend URL: the route's authority joined with the raw path and query (in place
     * of Spring Cloud Gateway's own filter, at its order).
     */
    public static final int REQUEST_URL = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER;

    /**
     * Identity: the headers that leave the gateway, decided last (an
     * {@code HttpHeadersFilter} after every other one). The proxy stage applies it while
     * it writes the backend request.
     */
    public static final int IDENTITY_HEADERS = Ordered.LOWEST_PRECEDENCE;

    /**
     * An idempotent request sent once more when its backend connection closed before any
     * answer: right before the proxy, so nothing before it (limits, authentication) runs
     * twice.
     */
    public static final int BACKEND_RETRY = Ordered.LOWEST_PRECEDENCE - 1;

    /** The proxy itself: Spring Cloud Gateway's routing filter, last. */
    public static final int PROXY = Ordered.LOWEST_PRECEDENCE;

    private GatewayStages() {
    }

}
