package dev.edgeauth.gateway.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.util.JSONObjectUtils;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A real HTTP server publishing a JWK Set at {@code /.well-known/jwks.json}; it counts
 * every request it gets (any path), can be stopped and started again on the same port.
 */
public final class JwksServer {

    public static final String PATH = "/.well-known/jwks.json";

    private final List<TestKey> keys = new CopyOnWriteArrayList<>();

    private final AtomicInteger requests = new AtomicInteger();

    private volatile String cacheControl = "public, max-age=300";

    private volatile int port;

    private volatile DisposableServer server;

    private JwksServer(int port) {
        this.server = bind(port);
        this.port = this.server.port();
    }

    public static JwksServer start(TestKey... keys) {
        JwksServer server = new JwksServer(0);
        server.keys.addAll(List.of(keys));
        return server;
    }

    private DisposableServer bind(int port) {
        return HttpServer.create().host("127.0.0.1").port(port).handle((request, response) -> {
            this.requests.incrementAndGet();
            if (!request.uri().startsWith(PATH)) {
                return response.status(404).send();
            }
            List<Object> jwks = new ArrayList<>();
            this.keys.forEach((key) -> jwks.add(key.publicJwk()));
            String body = JSONObjectUtils.toJSONString(Map.of("keys", jwks));
            return response.header("Content-Type", "application/json")
                .header("Cache-Control", this.cacheControl)
                .sendString(Mono.just(body))
                .then();
        }).bindNow();
    }

    public String url() {
        return "http://127.0.0.1:" + this.port + PATH;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + this.port;
    }

    public int requests() {
        return this.requests.get();
    }

    public void publish(TestKey key) {
        this.keys.add(key);
    }

    public void withdraw(TestKey key) {
        this.keys.removeIf((published) -> published.kid().equals(key.kid()));
    }

    public void cacheControl(String value) {
        this.cacheControl = value;
    }

    public void stop() {
        this.server.disposeNow();
    }

    public void restart() {
        this.server = bind(this.port);
    }

}
