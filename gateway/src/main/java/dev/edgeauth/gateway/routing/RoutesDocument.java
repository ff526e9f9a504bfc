package dev.edgeauth.gateway.routing;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A routes file as written (format in {@code edgeauth/default-routes.yaml} and
 * specs/gateway.md), before any rule is checked: Jackson reads the YAML into these
 * records, refusing an unknown key or a value of the wrong type with its line.
 *
 * @param routes the routes, in the file's order
 * @param rateLimitPolicies the file's own policies, or {@code null}
 */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
record RoutesDocument(@Nullable List<Route> routes, @Nullable List<Policy> rateLimitPolicies) {

    /**
     * One route as written; {@code null} where the key is absent.
     *
     * @param id the route id
     * @param paths its path patterns
     * @param uri its backend, {@code ${...}} placeholders unresolved
     * @param tokenRequired whether a bearer token is required (default true)
     * @param rateLimitPolicy its one policy
     * @param rateLimitPolicies its policies, in order
     * @param forwardAuthorization whether {@code Authorization} reaches the backend
     * @param connectTimeout its backend connect timeout
     * @param responseTimeout its backend response timeout
     */
    @JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
    record Route(@Nullable String id, @Nullable List<String> paths, @Nullable String uri,
            @Nullable Boolean tokenRequired, @Nullable String rateLimitPolicy, @Nullable List<String> rateLimitPolicies,
            @Nullable Boolean forwardAuthorization, @Nullable String connectTimeout, @Nullable String responseTimeout) {
    }

    /**
     * One rate-limit policy as written; {@code null} where the key is absent.
     *
     * @param name its name
     * @param limit requests per window
     * @param period the window, whole seconds
     * @param key {@code ip} or {@code user}
     * @param backend {@code local} or {@code redis}
     * @param redisFailureMode {@code local} or {@code closed}
     */
    @JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
    record Policy(@Nullable String name, @Nullable Long limit, @Nullable String period, @Nullable String key,
            @Nullable String backend, @Nullable String redisFailureMode) {
    }

}
