package dev.edgeauth.gateway.routing;

import java.net.URI;

import dev.edgeauth.gateway.pipeline.GatewayStages;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

/**
 * The URL a request is proxied to: the route's {@code scheme://host[:port]} followed by
 * the request's path and query exactly as the client sent them (still percent-encoded).
 *
 * <p>
 * It stands in for Spring Cloud Gateway's {@link RouteToRequestUrlFilter} (turned off in
 * {@code application.yaml}), which re-parses the request URI through a
 * {@code UriComponentsBuilder} and matches the route URI against a regular expression on
 * every request to support {@code lb:} and {@code forward:} routes. The routes file
 * allows {@code http(s)://host[:port]} URIs only, so joining the parts is all there is to
 * do.
 */
final class RequestUrlFilter implements GlobalFilter, Ordered {

    @Override
    public int getOrder() {
        return GatewayStages.REQUEST_URL;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = RouteMetadata.route(exchange);
        if (route != null) {
            exchange.getAttributes()
                .put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR,
                        requestUrl(route.getUri(), exchange.getRequest().getURI()));
        }
        return chain.filter(exchange);
    }

    static URI requestUrl(URI route, URI request) {
        StringBuilder url = new StringBuilder(64).append(route.getScheme()).append("://").append(route.getHost());
        if (route.getPort() != -1) {
            url.append(':').append(route.getPort());
        }
        String path = request.getRawPath();
        url.append((path == null || path.isEmpty()) ? "/" : path);
        if (request.getRawQuery() != null) {
            url.append('?').append(request.getRawQuery());
        }
        return URI.create(url.toString());
    }

}
