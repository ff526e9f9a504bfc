package dev.edgeauth.gateway.identity;

import java.util.Locale;

import dev.edgeauth.common.identity.IdentityHeaders;
import dev.edgeauth.common.web.ClientAddressResolver;
import dev.edgeauth.common.web.RequestIdFilter;
import dev.edgeauth.common.web.RequestIds;
import dev.edgeauth.gateway.pipeline.GatewayStages;
import dev.edgeauth.gateway.routing.RouteMetadata;
import dev.edgeauth.gateway.security.AccessToken;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * The identity stage: the headers a backend receives, decided last (contract: "Identity
 * forwarded to backends").
 *
 * <p>
 * It is an {@link HttpHeadersFilter} ordered after every other one, so it has the final
 * word on the request headers that leave the gateway, and it takes the place of Spring
 * Cloud Gateway's hop-by-hop and forwarded-headers filters (system's
 * {@code LeftOutGatewayBeans}): one copy of the headers instead of three. The identity
 * headers are set after the headers a client names in {@code Connection} are dropped, so
 * a client cannot delete {@code X-User-Id} that way.
 *
 * <p>
 * It removes the hop-by-hop headers ({@link HopByHopHeaders}), whatever the client sent
 * as {@code X-User-*} or {@code X-Session-Id} (any letter case, {@code _} for {@code -},
 * any number of copies), any {@code Forwarded} or {@code X-Forwarded-*}, and
 * {@code Authorization} unless the route forwards it; then sets {@code X-Request-Id},
 * {@code X-Forwarded-For} (the client address), and for an authenticated request
 * {@code X-User-Id}, {@code X-User-Roles} (comma-separated) and {@code X-Session-Id}.
 */
public final class IdentityHeadersFilter implements HttpHeadersFilter, Ordered {

    private final ClientAddressResolver clientAddresses;

    public IdentityHeadersFilter(ClientAddressResolver clientAddresses) {
        Assert.notNull(clientAddresses, "clientAddresses cannot be null");
        this.clientAddresses = clientAddresses;
    }

    @Override
    public int getOrder() {
        return GatewayStages.IDENTITY_HEADERS;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        boolean forwardAuthorization = RouteMetadata.forwardAuthorization(RouteMetadata.route(exchange));
        HopByHopHeaders hopByHop = HopByHopHeaders.of(input);
        HttpHeaders output = new HttpHeaders();
        input.forEach((name, values) -> {
            if (!isGatewayOwned(name) && !hopByHop.contains(name)
                    && (forwardAuthorization || !HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name))) {
                output.addAll(name, values);
            }
        });
        output.set(RequestIds.HEADER, requestId(exchange));
        output.set(ClientAddressResolver.FORWARDED_FOR, this.clientAddresses.resolve(exchange.getRequest()));
        AccessToken token = exchange.getAttribute(AccessToken.ATTRIBUTE);
        if (token != null) {
            output.set(IdentityHeaders.USER_ID, token.subject());
            output.set(IdentityHeaders.USER_ROLES, String.join(",", token.roles()));
            output.set(IdentityHeaders.SESSION_ID, token.sessionId());
        }
        return output;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    /** Names only the gateway may set toward a backend. */
    static boolean isGatewayOwned(String name) {
        char first = name.isEmpty() ? ' ' : Character.toLowerCase(name.charAt(0));
        if (first != 'x' && first != 'f') {
            return false; // Most headers: no copy of the name on every request.
        }
        // Some servers read "X_User_Id" as "X-User-Id" (CGI-style names): treat them
        // alike.
        String normalized = name.toLowerCase(Locale.ROOT).replace('_', '-');
        return normalized.startsWith("x-user-") || normalized.equals("x-session-id")
                || normalized.startsWith("x-forwarded-") || normalized.equals("forwarded")
                || normalized.equals("x-request-id");
    }

    private static String requestId(ServerWebExchange exchange) {
        String id = exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
        return (id != null) ? id : RequestIds.generate();
    }

}
