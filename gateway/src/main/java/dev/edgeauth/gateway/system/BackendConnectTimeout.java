package dev.edgeauth.gateway.system;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.netty.http.client.HttpClient;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;

/**
 * The backend connect timeout of every route that sets none of its own, set once on the
 * shared HTTP client.
 *
 * <p>
 * Not through {@code spring.cloud.gateway.server.webflux.httpclient.connect-timeout}:
 * with that set, the routing filter copies the whole client configuration on every
 * request to apply it again.
 */
final class BackendConnectTimeout implements HttpClientCustomizer {

    private final Duration timeout;

    BackendConnectTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public HttpClient customize(HttpClient httpClient) {
        return httpClient.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) this.timeout.toMillis());
    }

}
