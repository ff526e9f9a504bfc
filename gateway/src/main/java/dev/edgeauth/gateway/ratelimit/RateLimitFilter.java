package dev.edgeauth.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.edgeauth.common.problem.ErrorCode;
import dev.edgeauth.common.problem.ProblemResponseWriter;
import dev.edgeauth.common.web.ClientAddressResolver;
import dev.edgeauth.gateway.pipeline.GatewayStages;
import dev.edgeauth.gateway.routing.RateLimitPolicy;
import dev.edgeauth.gateway.routing.RouteMetadata;
import dev.edgeauth.gateway.security.AccessToken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoop;
import org.jspecify.annotations.Nullable;
import reactor.core.Fuseable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * The rate-limit stage: a request on a route with policies counts in each policy's fixed
 * window for its key, in the routes file's order; over a limit it is answered 429
 * {@code rate_limited} with an honest {@code Retry-After} (the seconds until that window
 * ends, rounded up) and goes no further (later policies do not count it).
 *
 * <p>
 * Two instances run: the {@link RateLimitPolicy.Key#IP per-IP} one first of the gateway's
 * filters (a flood costs no body read and no signature check), the
 * {@link RateLimitPolicy.Key#USER per-user} one right after authentication, which knows
 * the user. The first also makes every response of a limited route carry the IETF
 * headers, one list member per policy of the route
 * ({@code RateLimit-Policy: "api-ip";q=200;w=1, "api";q=100;w=1},
 * {@code RateLimit: "api-ip";r=199;t=1, "api";r=99;t=1}), whatever answers it: the
 * backend, a 401, a 413, a 503, the 429 itself. They are set just before the response is
 * committed, so they are the gateway's word, not the backend's. {@code RateLimit} lists
 * the policies that counted the request: a per-user policy is missing from a 401 (no
 * user).
 */
public final class RateLimitFilter implements GlobalFilter, Ordered {

    static final String POLICY_HEADER = "RateLimit-Policy";

    static final String LIMIT_HEADER = "RateLimit";

    /** The 503 wait of the whole platform (specs/decisions.md D7). */
    private static final Duration UNAVAILABLE_RETRY_AFTER = Duration.ofSeconds(5);

    /**
     * {@code RateLimitDecision[]}: the decision of each of the route's policies, by
     * position; {@code null} where a policy has not counted the request.
     */
    private static final String DECISIONS = RateLimitDecision.class.getName();

    private static final RateLimitDecision[] NO_DECISIONS = {};

    private final RateLimitPolicy.Key key;

    private final RateLimitService limits;

    private final ClientAddressResolver clientAddresses;

    private final ProblemResponseWriter problems;

    private final MeterRegistry meters;

    private final Map<String, Counter> refusedByPolicy = new ConcurrentHashMap<>();

    RateLimitFilter(RateLimitPolicy.Key key, RateLimitService limits, ClientAddressResolver clientAddresses,
            ProblemResponseWriter problems, MeterRegistry meters) {
        Assert.notNull(key, "key cannot be null");
        Assert.notNull(limits, "limits cannot be null");
        Assert.notNull(clientAddresses, "clientAddresses cannot be null");
        Assert.notNull(problems, "problems cannot be null");
        this.key = key;
        this.limits = limits;
        this.clientAddresses = clientAddresses;
        this.problems = problems;
        this.meters = meters;
    }

    @Override
    public int getOrder() {
        return (this.key == RateLimitPolicy.Key.IP) ? GatewayStages.CLIENT_RATE_LIMIT : GatewayStages.USER_RATE_LIMIT;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        List<RateLimitPolicy> policies = RouteMetadata.rateLimitPolicies(RouteMetadata.route(exchange));
        if (policies.isEmpty()) {
            return chain.filter(exchange);
        }
        if (this.key == RateLimitPolicy.Key.IP) {
            exchange.getAttributes().put(DECISIONS, new RateLimitDecision[policies.size()]);
            exchange.getResponse().beforeCommit(() -> {
                writeHeaders(exchange, policies);
                return Mono.empty();
            });
        }
        return decideFrom(0, policies, exchange, chain);
    }

    // The route's policies of this filter's key, one after the other in the file's order;
    // the first that refuses ends the request (the later ones do not count it).
    private Mono<Void> decideFrom(int first, List<RateLimitPolicy> policies, ServerWebExchange exchange,
            GatewayFilterChain chain) {
        for (int i = first; i < policies.size(); i++) {
            RateLimitPolicy policy = policies.get(i);
            if (policy.key() != this.key) {
                continue;
            }
            String counted = countedKey(exchange);
            if (counted == null) {
                // Per-user policy without a verified token: the routes file refuses
                // such a route (token-required: false), so only a 401 gets here.
                return chain.filter(exchange);
            }
            int index = i;
            return onConnectionThread(exchange, this.limits.decide(policy, counted)).flatMap((decision) -> {
                RateLimitDecision[] decisions = exchange.getAttribute(DECISIONS);
                if (decisions != null) {
                    decisions[index] = decision;
                }
                return switch (decision.outcome()) {
                    case ALLOWED -> decideFrom(index + 1, policies, exchange, chain);
                    case LIMITED -> refuse(exchange, decision);
                    case UNAVAILABLE -> this.problems.write(exchange, ErrorCode.UNAVAILABLE,
                            "The rate limiter is unavailable; try again shortly", UNAVAILABLE_RETRY_AFTER, Map.of());
                };
            });
        }
        return chain.filter(exchange);
    }

    // A Redis answer arrives on a Lettuce thread: the rest of the exchange (proxying
    // included) goes back to the client connection's own event loop rather than funnel
    // through Redis's one I/O thread. Local decisions are synchronous and need no hop.
    private static Mono<RateLimitDecision> onConnectionThread(ServerWebExchange exchange,
            Mono<RateLimitDecision> decision) {
        if (decision instanceof Fuseable.ScalarCallable) {
            return decision;
        }
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (nativeRequest instanceof Connection connection) {
            EventLoop loop = connection.channel().eventLoop();
            return decision.publishOn(Schedulers.fromExecutor(loop));
        }
        return decision;
    }

    private @Nullable String countedKey(ServerWebExchange exchange) {
        if (this.key == RateLimitPolicy.Key.IP) {
            // By the client's /64 for IPv6 (EDGEAUTH_CLIENT_ADDRESS_IPV6_PREFIX): one
            // host
            // cannot rotate addresses in its prefix for fresh windows.
            return this.clientAddresses.resolveCountingKey(exchange.getRequest());
        }
        AccessToken token = exchange.getAttribute(AccessToken.ATTRIBUTE);
        return (token != null) ? token.subject() : null;
    }

    private Mono<Void> refuse(ServerWebExchange exchange, RateLimitDecision decision) {
        String policy = decision.policy().name();
        this.refusedByPolicy
            .computeIfAbsent(policy,
                    (name) -> Counter.builder("edgeauth.gateway.rate_limit.refused")
                        .description("Requests refused with 429 by a rate-limit policy")
                        .tag("policy", name)
                        .register(this.meters))
            .increment();
        long wait = Math.max(1, decision.resetSeconds());
        return this.problems.write(exchange, ErrorCode.RATE_LIMITED,
                "Too many requests; retry after " + wait + " seconds", Duration.ofSeconds(wait), Map.of());
    }

    // Every policy of the route in RateLimit-Policy; in RateLimit, each one that counted
    // this request (a per-user policy has not on a 401, nor a Redis policy that failed).
    private static void writeHeaders(ServerWebExchange exchange, List<RateLimitPolicy> policies) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        StringBuilder policyHeader = new StringBuilder();
        for (RateLimitPolicy policy : policies) {
            appendMember(policyHeader, policyMember(policy));
        }
        headers.set(POLICY_HEADER, policyHeader.toString());
        StringBuilder limitHeader = new StringBuilder();
        RateLimitDecision[] decisions = exchange.getAttribute(DECISIONS);
        for (RateLimitDecision decision : (decisions != null) ? decisions : NO_DECISIONS) {
            if (decision != null && decision.outcome() != RateLimitDecision.Outcome.UNAVAILABLE) {
                appendMember(limitHeader, limitMember(decision));
            }
        }
        if (limitHeader.isEmpty()) {
            headers.remove(LIMIT_HEADER);
        }
        else {
            headers.set(LIMIT_HEADER, limitHeader.toString());
        }
    }

    // Structured-field lists (RFC 9651 §4.1.1): members separated by ", ".
    private static void appendMember(StringBuilder list, String member) {
        if (!list.isEmpty()) {
            list.append(", ");
        }
        list.append(member);
    }

    // draft-ietf-httpapi-ratelimit-headers, structured fields (RFC 9651): a string item
    // naming the policy with q (quota) and w (window, seconds) parameters.
    static String policyMember(RateLimitPolicy policy) {
        return '"' + policy.name() + "\";q=" + policy.limit() + ";w=" + policy.period().getSeconds();
    }

    // r: requests left in the window; t: seconds until it resets.
    static String limitMember(RateLimitDecision decision) {
        return '"' + decision.policy().name() + "\";r=" + decision.remaining() + ";t=" + decision.resetSeconds();
    }

}
