package dev.edgeauth.gateway.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP backend that records every request it receives (method, path and each
 * header line with the name exactly as it arrived) and answers 200.
 */
public final class RecordingBackend {

    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();

    private final DisposableServer server;

    private RecordingBackend() {
        this.server = HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle((request,
                    response) -> request.receive().aggregate().asString().defaultIfEmpty("").flatMap((body) -> {
                        this.requests.add(new RecordedRequest(request.method().name(), request.uri(),
                                request.requestHeaders()
                                    .entries()
                                    .stream()
                                    .map((e) -> Map.entry(e.getKey(), e.getValue()))
                                    .toList(),
                                body));
                        if (request.uri().contains("/hop-by-hop")) {
                            // Headers of the backend's own connection, and one it names.
                            response.header("Keep-Alive", "timeout=5")
                                .header("Proxy-Authenticate", "Basic realm=\"backend\"")
                                .header("Connection", "keep-alive, X-Backend-Private")
                                .header("X-Backend-Private", "secret")
                                .header("X-Backend-Public", "ok");
                        }
                        return response.header("Content-Type", "application/json")
                            .sendString(Mono.just("{\"ok\":true}"))
                            .then();
                    }))
            .bindNow();
    }

    public static RecordingBackend start() {
        return new RecordingBackend();
    }

    public int port() {
        return this.server.port();
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(this.requests);
    }

    public void clear() {
        this.requests.clear();
    }

    /** The requests whose path starts with this prefix. */
    public List<RecordedRequest> requestsTo(String pathPrefix) {
        return this.requests.stream().filter((r) -> r.uri().startsWith(pathPrefix)).toList();
    }

    /**
     * A request as the backend saw it.
     *
     * @param method the method
     * @param uri path and query
     * @param headers every header line, in order, names as received
     * @param body the body
     */
    public record RecordedRequest(String method, String uri, List<Map.Entry<String, String>> headers, String body) {

        /** Every value of the header, whatever the case of its name. */
        public List<String> values(String name) {
            return this.headers.stream()
                .filter((h) -> h.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .toList();
        }

        /** Names of headers matching the predicate, as received. */
        public List<String> namesMatching(java.util.function.Predicate<String> lowerCaseName) {
            return this.headers.stream()
                .map(Map.Entry::getKey)
                .filter((n) -> lowerCaseName.test(n.toLowerCase(java.util.Locale.ROOT)))
                .toList();
        }

    }

}
