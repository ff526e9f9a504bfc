package dev.edgeauth.common.web;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every request an id before anything else runs: the safe {@code X-Request-Id} the
 * caller sent (normally the gateway), else a new one. The id is echoed on the response
 * and kept as an exchange attribute ({@link #ATTRIBUTE}), which is what logs and the
 * gateway's forwarded headers read: an unsafe id the client sent stays in the request's
 * headers, unread.
 */
public final class RequestIdFilter implements WebFilter, Ordered {

    /** First of all filters, so even a rejected request has an id. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    /** Exchange attribute holding the request id. */
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".requestId";

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String sent = exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER);
        String requestId = RequestIds.acceptOrGenerate(sent);
        exchange.getAttributes().put(ATTRIBUTE, requestId);
        // At commit, so the response carries exactly one id even when a proxied backend
        // echoed it too.
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
            return Mono.empty();
        });
        // The attribute, not the request header, is the id from here on (the gateway sets
        // the header toward backends itself): no copy of the request for an id.
        return chain.filter(exchange);
    }

}
