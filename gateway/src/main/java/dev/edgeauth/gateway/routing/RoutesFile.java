package dev.edgeauth.gateway.routing;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.PropertyResolver;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Reads a routes file (format in {@code edgeauth/default-routes.yaml} and
 * specs/gateway.md) into validated routes: {@link RoutesFileReader} binds the YAML to a
 * {@link RoutesDocument} (unknown keys and wrong types refused), then the rules are
 * checked here and in {@link RoutesFilePolicies}. Every mistake is an
 * {@link InvalidRoutesFileException} whose message names the route and the key, so an
 * operator can fix it from the log line alone.
 */
final class RoutesFile {

    private static final int MAX_ROUTE_POLICIES = 8;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private static final int MAX_FILE_CHARS = 1024 * 1024;

    private final PropertyResolver placeholders;

    private final Set<Integer> managementPorts;

    /**
     * @param placeholders resolves {@code ${...}} in URIs
     * @param managementPorts the stack's management ports: a route to one of them (on any
     * host) is refused, since it would put management endpoints on the public port
     */
    RoutesFile(PropertyResolver placeholders, Set<Integer> managementPorts) {
        this.placeholders = placeholders;
        this.managementPorts = Set.copyOf(managementPorts);
    }

    List<RouteSpec> parse(String yaml) {
        if (yaml.length() > MAX_FILE_CHARS) {
            throw new InvalidRoutesFileException("the file is larger than 1 MiB");
        }
        RoutesDocument document = RoutesFileReader.read(yaml);
        if (document == null || document.routes() == null || document.routes().isEmpty()) {
            throw new InvalidRoutesFileException("'routes' must be a non-empty list");
        }
        Map<String, RateLimitPolicy> policies = RoutesFilePolicies.parse(document.rateLimitPolicies());
        List<RouteSpec> routes = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < document.routes().size(); i++) {
            RouteSpec route = route(document.routes().get(i), "routes[" + i + "]", policies);
            if (!ids.add(route.id())) {
                throw new InvalidRoutesFileException("route id '" + route.id() + "' is declared twice");
            }
            routes.add(route);
        }
        return List.copyOf(routes);
    }

    private RouteSpec route(RoutesDocument.@Nullable Route entry, String where, Map<String, RateLimitPolicy> policies) {
        if (entry == null) {
            throw new InvalidRoutesFileException(where + " must be a map");
        }
        String id = required(entry.id(), "id", where);
        if (!ID.matcher(id).matches()) {
            throw new InvalidRoutesFileException(where + ".id '" + id + "' must match " + ID.pattern());
        }
        String route = "route '" + id + "'";
        boolean tokenRequired = (entry.tokenRequired() != null) ? entry.tokenRequired() : true;
        return new RouteSpec(id, paths(entry.paths(), route), uri(required(entry.uri(), "uri", route), route),
                tokenRequired, routePolicies(entry, route, tokenRequired, policies),
                Boolean.TRUE.equals(entry.forwardAuthorization()),
                duration(entry.connectTimeout(), "connect-timeout", route),
                duration(entry.responseTimeout(), "response-timeout", route));
    }

    private static List<String> paths(@Nullable List<String> list, String route) {
        if (list == null || list.isEmpty()) {
            throw new InvalidRoutesFileException(route + ": 'paths' must be a non-empty list");
        }
        List<String> paths = new ArrayList<>();
        for (String path : list) {
            if (path == null || !path.startsWith("/") || path.contains(",")) {
                throw new InvalidRoutesFileException(route + ": each path must be a string starting with '/'");
            }
            try {
                PathPatternParser.defaultInstance.parse(path);
            }
            catch (RuntimeException ex) {
                throw new InvalidRoutesFileException(route + ": path '" + path + "' is not a valid pattern");
            }
            paths.add(path);
        }
        return List.copyOf(paths);
    }

    private URI uri(String text, String route) {
        String resolved;
        try {
            resolved = this.placeholders.resolveRequiredPlaceholders(text);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidRoutesFileException(route + ": 'uri' has an unresolvable placeholder: " + text);
        }
        try {
            URI uri = new URI(resolved);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!http || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                    || (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
                throw new URISyntaxException(resolved, "not http(s)://host[:port]");
            }
            int port = GatewayProperties.portOf(uri);
            if (this.managementPorts.contains(port)) {
                throw new InvalidRoutesFileException(route + ": 'uri' " + resolved + " points at management port "
                        + port + "; management endpoints are never routed (edgeauth.gateway.management-ports)");
            }
            return uri;
        }
        catch (URISyntaxException ex) {
            throw new InvalidRoutesFileException(
                    route + ": 'uri' must be http(s)://host[:port] without a path, got '" + resolved + "'");
        }
    }

    // 'rate-limit-policy: api' or 'rate-limit-policies: [api-ip, api]': applied in the
    // file's order, so per-IP policies (checked before authentication) must come first.
    private static List<RateLimitPolicy> routePolicies(RoutesDocument.Route entry, String route, boolean tokenRequired,
            Map<String, RateLimitPolicy> policies) {
        String single = entry.rateLimitPolicy();
        List<String> several = entry.rateLimitPolicies();
        if (single != null && several != null) {
            throw new InvalidRoutesFileException(
                    route + ": give 'rate-limit-policy' or 'rate-limit-policies', not both");
        }
        List<String> names;
        if (single != null) {
            names = List.of(single);
        }
        else if (several == null) {
            return List.of();
        }
        else if (several.isEmpty() || several.size() > MAX_ROUTE_POLICIES) {
            throw new InvalidRoutesFileException(
                    route + ": 'rate-limit-policies' must be a list of 1 to " + MAX_ROUTE_POLICIES + " policy names");
        }
        else {
            names = several;
        }
        List<RateLimitPolicy> chosen = new ArrayList<>();
        for (String name : names) {
            RateLimitPolicy policy = policy(name, route, tokenRequired, policies);
            if (chosen.contains(policy)) {
                throw new InvalidRoutesFileException(route + ": policy '" + policy.name() + "' is named twice");
            }
            if (policy.key() == RateLimitPolicy.Key.IP && !chosen.isEmpty()
                    && chosen.get(chosen.size() - 1).key() == RateLimitPolicy.Key.USER) {
                throw new InvalidRoutesFileException(route + ": per-ip policy '" + policy.name()
                        + "' must come before the per-user ones (it is checked before authentication)");
            }
            chosen.add(policy);
        }
        return List.copyOf(chosen);
    }

    private static RateLimitPolicy policy(@Nullable String name, String route, boolean tokenRequired,
            Map<String, RateLimitPolicy> policies) {
        if (name == null || !RoutesFilePolicies.NAME.matcher(name).matches()) {
            throw new InvalidRoutesFileException(
                    route + ": a rate-limit policy name must match " + RoutesFilePolicies.NAME.pattern());
        }
        RateLimitPolicy policy = policies.get(name);
        if (policy == null) {
            throw new InvalidRoutesFileException(route + ": names an undeclared policy '" + name + "' (declared: "
                    + String.join(", ", policies.keySet().stream().sorted().toList()) + ")");
        }
        if (policy.key() == RateLimitPolicy.Key.USER && !tokenRequired) {
            // Without a verified token there is no user to count: refusing the file beats
            // a limit that silently never applies.
            throw new InvalidRoutesFileException(
                    route + ": policy '" + name + "' counts per user, which needs 'token-required: true'");
        }
        return policy;
    }

    private static @Nullable Duration duration(@Nullable String value, String key, String route) {
        if (value == null) {
            return null;
        }
        try {
            Duration duration = DurationStyle.detectAndParse(value);
            if (duration.isNegative() || duration.isZero() || duration.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("out of range");
            }
            return duration;
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidRoutesFileException(route + ": '" + key + "' must be a positive duration such as 2s");
        }
    }

    static String required(@Nullable String value, String key, String where) {
        if (value == null || value.isBlank()) {
            throw new InvalidRoutesFileException(where + ": '" + key + "' is required");
        }
        return value;
    }

    /** The routes file was refused; the message says why, naming the route and key. */
    static final class InvalidRoutesFileException extends RuntimeException {

        InvalidRoutesFileException(String message) {
            super(message, null, false, false);
        }

    }

}
