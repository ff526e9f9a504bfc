package dev.edgeauth.common.testing;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Test fixture: calls on a management port, with or without a bearer token, for the
 * status they get.
 */
public final class ManagementClient {

    private final WebTestClient client;

    private ManagementClient(WebTestClient client) {
        this.client = client;
    }

    /**
     * A client of one management port.
     * @param baseUrl such as {@code http://127.0.0.1:8180}
     * @return the client
     */
    public static ManagementClient of(String baseUrl) {
        return new ManagementClient(WholeResponseConnector.bindToServer(baseUrl).build());
    }

    /**
     * The status of a call without a body.
     * @param method the method
     * @param path the path and query
     * @param token sent as {@code Authorization: Bearer <token>}; {@code null}: no header
     * @return the HTTP status code
     */
    public int status(HttpMethod method, String path, @Nullable String token) {
        return this.client.method(method).uri(path).headers((headers) -> {
            if (token != null) {
                headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
            }
        }).exchange().returnResult(Void.class).getStatus().value();
    }

}
