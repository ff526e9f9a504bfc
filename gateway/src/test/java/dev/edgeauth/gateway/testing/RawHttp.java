package dev.edgeauth.gateway.testing;

import dev.edgeauth.common.testing.RawHttpExchange;

/**
 * Sends a request byte for byte, so header names keep the exact spelling a test gives
 * (HTTP client libraries merge or normalise them). Runs on the test thread, never on an
 * event loop.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends {@code GET path} with the given header lines and returns the status code.
     * @param port the gateway's port
     * @param path the request target
     * @param headerLines complete header lines such as {@code "x-user-id: evil"}
     * @return the response status
     */
    public static int get(int port, String path, String... headerLines) {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return RawHttpExchange.send(port, request.toString()).status();
    }

}
