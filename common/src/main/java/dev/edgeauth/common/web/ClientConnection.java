package dev.edgeauth.common.web;

import reactor.netty.Connection;

import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Whether the client of an exchange is still there to be answered.
 */
public final class ClientConnection {

    private ClientConnection() {
    }

    /**
     * Whether the client's connection is closed: only then is an error that looks like a
     * hang-up really one (the same exceptions come from a backend or a database whose
     * connection broke, and those deserve an answer).
     * @param exchange the exchange
     * @return {@code true} when the server's connection to the client is no longer open;
     * {@code false} when it is, or when it cannot be told
     */
    public static boolean closed(ServerWebExchange exchange) {
        Object request;
        try {
            request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        }
        catch (IllegalStateException ex) {
            // No server connection behind the request (a mock): cannot be closed.
            return false;
        }
        return (request instanceof Connection connection) && !connection.channel().isActive();
    }

}
