package dev.edgeauth.gateway.identity;

import dev.edgeauth.gateway.pipeline.GatewayStages;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * A backend's response reaches the client without the headers of the backend's own
 * connection ({@link HopByHopHeaders}); {@link IdentityHeadersFilter} does the same for
 * requests.
 */
public final class BackendResponseHeadersFilter implements HttpHeadersFilter, Ordered {

    @Override
    public int getOrder() {
        return GatewayStages.IDENTITY_HEADERS;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        return HopByHopHeaders.removedFrom(input);
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }

}
