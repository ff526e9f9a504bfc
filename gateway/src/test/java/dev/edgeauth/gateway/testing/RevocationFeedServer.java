package dev.edgeauth.gateway.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.edgeauth.token.revocation.RevocationFeedItem;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server speaking the contract's revocation feed: {@code GET
 * /internal/revocations?after=} (JSON page) and {@code GET
 * /internal/revocations/stream?after=} (server-sent events, {@code id:} the seq, a
 * heartbeat comment every second). It records the {@code after} of every request, can
 * turn its stream off (polling only) or its polls off (503), and can be stopped and
 * started on the same port.
 */
public final class RevocationFeedServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<String> items = new CopyOnWriteArrayList<>();

    private final List<String> requests = new CopyOnWriteArrayList<>();

    private final AtomicLong seq = new AtomicLong(100);

    private volatile Sinks.Many<String> live = Sinks.many().multicast().directBestEffort();

    private volatile boolean streamEnabled = true;

    private volatile boolean pollsEnabled = true;

    private volatile boolean heartbeats = true;

    private volatile int port;

    private volatile DisposableServer server;

    private RevocationFeedServer() {
        this.server = bind(0);
        this.port = this.server.port();
    }

    public static RevocationFeedServer start() {
        return new RevocationFeedServer();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + this.port;
    }

    /** Revokes a session now (forget_after in 16 minutes); returns its seq. */
    public long revoke(String sid) {
        long next = this.seq.addAndGet(3); // gaps are allowed by the contract
        publish(JSON.writeValueAsString(new RevocationFeedItem(next, UUID.fromString(sid),
                Instant.now().plus(Duration.ofMinutes(16)), "logout")));
        return next;
    }

    /**
     * Publishes an item as given, even one a reader cannot read; returns the seq it took.
     * @param template the item's JSON with {@code %d} where its seq goes
     */
    public long publishRaw(String template) {
        long next = this.seq.addAndGet(3);
        publish(template.formatted(next));
        return next;
    }

    private void publish(String item) {
        this.items.add(item);
        this.live.tryEmitNext(item);
    }

    public long lastSeq() {
        return this.seq.get();
    }

    /** "stream after=N" or "poll after=N" for each request, in order. */
    public List<String> requests() {
        return List.copyOf(this.requests);
    }

    /**
     * Makes new streams silent (no heartbeat, no item), like a feed whose connection has
     * gone dead without closing.
     */
    public void heartbeats(boolean enabled) {
        this.heartbeats = enabled;
    }

    /** Turns the stream endpoint off (404) and ends open streams: readers must poll. */
    public void streamEnabled(boolean enabled) {
        this.streamEnabled = enabled;
        if (!enabled) {
            endStreams();
        }
    }

    /**
     * Turns the poll endpoint off (503) or on again; streams go on: a reader then hears
     * the feed but never reads a page to its end.
     */
    public void pollsEnabled(boolean enabled) {
        this.pollsEnabled = enabled;
    }

    /** Drops every open stream and refuses connections until {@link #restart()}. */
    public void stop() {
        endStreams();
        this.server.disposeNow();
    }

    public void restart() {
        this.server = bind(this.port);
    }

    /**
     * Starts the server again if a test stopped it: call it in {@code finally}, so a
     * failed test never leaves the shared fixture down for the next.
     */
    public void ensureRunning() {
        if (this.server.isDisposed()) {
            restart();
        }
    }

    private void endStreams() {
        Sinks.Many<String> old = this.live;
        this.live = Sinks.many().multicast().directBestEffort();
        old.tryEmitComplete();
    }

    private DisposableServer bind(int port) {
        return HttpServer.create()
            .host("127.0.0.1")
            .port(port)
            .route((routes) -> routes.get("/internal/revocations/stream", this::stream)
                .get("/internal/revocations", this::page))
            .bindNow();
    }

    private Mono<Void> page(HttpServerRequest request, HttpServerResponse response) {
        long after = after(request);
        this.requests.add("poll after=" + after);
        if (!this.pollsEnabled) {
            return response.status(503).send();
        }
        String page = "{\"items\":[" + String.join(",", itemsAfter(after)) + "]}";
        return response.header("Content-Type", "application/json").sendString(Mono.just(page)).then();
    }

    private Mono<Void> stream(HttpServerRequest request, HttpServerResponse response) {
        long after = after(request);
        this.requests.add("stream after=" + after);
        if (!this.streamEnabled) {
            return response.status(404).send();
        }
        if (!this.heartbeats) {
            // One comment so the stream is seen open, then nothing ever again.
            return response.sse().sendString(Flux.just(": open\n\n").concatWith(Flux.never())).then();
        }
        Flux<String> backlog = Flux.fromIterable(itemsAfter(after)).map(RevocationFeedServer::event);
        Flux<String> updates = this.live.asFlux().map(RevocationFeedServer::event);
        Flux<String> heartbeats = Flux.interval(Duration.ofSeconds(1)).map((tick) -> ": heartbeat\n\n");
        return response.sse()
            .sendString(backlog.concatWith(updates).mergeWith(heartbeats.takeUntilOther(updates.then())))
            .then();
    }

    private List<String> itemsAfter(long after) {
        return this.items.stream().filter((item) -> seq(item) > after).toList();
    }

    private static long seq(String item) {
        return JSON.readTree(item).get("seq").longValue();
    }

    private static String event(String item) {
        return "id: " + seq(item) + "\nevent: revocation\ndata: " + item + "\n\n";
    }

    private static long after(HttpServerRequest request) {
        String uri = request.uri();
        int at = uri.indexOf("after=");
        return (at < 0) ? 0 : Long.parseLong(uri.substring(at + 6).split("&")[0]);
    }

}
