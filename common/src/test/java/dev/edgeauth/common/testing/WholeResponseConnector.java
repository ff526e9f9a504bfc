package dev.edgeauth.common.testing;

import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.client.reactive.ClientHttpResponseDecorator;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The tests' HTTP connector: one connection per exchange, and every response read to its
 * end before the test sees it.
 *
 * <p>
 * Both guard against the test client itself hanging a request, which looks exactly like a
 * server that never answers:
 * <ul>
 * <li>A plain {@code WebTestClient} keeps a pooled connection for each response body
 * nobody reads (a test that asserts only the status). Once the pool's connections per
 * server (16 on 2 cores) are held that way, the next request waits 45 s for one.</li>
 * <li>With a pool, a connection already handed to the next request can still be closed on
 * behalf of the previous exchange: that request is written, the connection closes, and no
 * answer or error ever comes (seen in the wire logs of the auth-service's tests).</li>
 * </ul>
 * Event streams pass through unread: they do not end.
 */
public final class WholeResponseConnector implements ClientHttpConnector {

    /** Long enough that a full build on 2 busy cores is not mistaken for a hang. */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(15);

    private final ClientHttpConnector delegate;

    public WholeResponseConnector() {
        this(new ReactorClientHttpConnector(HttpClient.create(ConnectionProvider.newConnection())));
    }

    public WholeResponseConnector(ClientHttpConnector delegate) {
        this.delegate = delegate;
    }

    /**
     * A test client builder for a running server, with this connector and
     * {@link #RESPONSE_TIMEOUT}.
     * @param baseUrl the server's base URL
     * @return the builder
     */
    public static WebTestClient.Builder bindToServer(String baseUrl) {
        return WebTestClient.bindToServer(new WholeResponseConnector())
            .baseUrl(baseUrl)
            .responseTimeout(RESPONSE_TIMEOUT);
    }

    @Override
    public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
            Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
        return this.delegate.connect(method, uri, requestCallback).flatMap(WholeResponseConnector::readToEnd);
    }

    private static Mono<ClientHttpResponse> readToEnd(ClientHttpResponse response) {
        if (MediaType.TEXT_EVENT_STREAM.isCompatibleWith(response.getHeaders().getContentType())) {
            return Mono.just(response);
        }
        return DataBufferUtils.join(response.getBody())
            .map(WholeResponseConnector::bytes)
            .defaultIfEmpty(new byte[0])
            .map((body) -> new ReadResponse(response, body));
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        }
        finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** A response whose body has been read; it can be read again any number of times. */
    private static final class ReadResponse extends ClientHttpResponseDecorator {

        private final byte[] body;

        ReadResponse(ClientHttpResponse delegate, byte[] body) {
            super(delegate);
            this.body = body;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            return (this.body.length == 0) ? Flux.empty()
                    : Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(this.body)));
        }

    }

}
