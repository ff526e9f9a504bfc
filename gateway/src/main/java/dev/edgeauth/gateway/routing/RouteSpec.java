package dev.edgeauth.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;

/**
 * One route of the routes file, validated.
 *
 * @param id unique id
 * @param paths path patterns, tried as one {@code Path} predicate
 * @param uri the backend
 * @param tokenRequired whether a valid bearer access token is needed
 * @param rateLimitPolicies the route's rate-limit policies in the order they apply
 * (per-IP ones first); empty when none
 * @param forwardAuthorization whether {@code Authorization} travels to the backend
 * @param connectTimeout the backend connect timeout, or {@code null} for the default
 * @param responseTimeout the backend response timeout, or {@code null} for the default
 */
record RouteSpec(String id, List<String> paths, URI uri, boolean tokenRequired, List<RateLimitPolicy> rateLimitPolicies,
        boolean forwardAuthorization, @Nullable Duration connectTimeout, @Nullable Duration responseTimeout) {

    RouteSpec {
        rateLimitPolicies = List.copyOf(rateLimitPolicies);
    }

    /** The route for Spring Cloud Gateway; {@code order} keeps the file's order. */
    RouteDefinition toDefinition(int order) {
        RouteDefinition definition = new RouteDefinition();
        definition.setId(this.id);
        definition.setUri(this.uri);
        definition.setOrder(order);
        definition.setPredicates(List.of(new PredicateDefinition("Path=" + String.join(",", this.paths))));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(RouteMetadata.TOKEN_REQUIRED, this.tokenRequired);
        metadata.put(RouteMetadata.FORWARD_AUTHORIZATION, this.forwardAuthorization);
        if (!this.rateLimitPolicies.isEmpty()) {
            metadata.put(RouteMetadata.RATE_LIMIT_POLICIES, this.rateLimitPolicies);
        }
        if (this.connectTimeout != null) {
            metadata.put(RouteMetadataUtils.CONNECT_TIMEOUT_ATTR, (int) this.connectTimeout.toMillis());
        }
        if (this.responseTimeout != null) {
            metadata.put(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR, this.responseTimeout.toMillis());
        }
        definition.setMetadata(metadata);
        return definition;
    }

}
