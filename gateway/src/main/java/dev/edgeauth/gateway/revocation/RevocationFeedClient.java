package dev.edgeauth.gateway.revocation;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.edgeauth.common.logging.DecisionLog;
import dev.edgeauth.common.management.BearerCredential;
import dev.edgeauth.token.revocation.RevocationFeedItem;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Follows the auth-service's revocation feed (contract: "Revocation feed") and records
 * each revoked session in {@link RevokedSessions}.
 *
 * <p>
 * It reads the server-sent-event stream
 * {@code GET /internal/revocations/stream?after=<seq>} and, whenever the stream is down,
 * polls {@code GET /internal/revocations?after=<seq>} every {@code poll-interval} while
 * it waits to try the stream again (Reactor's backoff, from {@code stream-retry-min} to
 * {@code stream-retry-max}). Every request asks from the last {@code seq} applied (0 at
 * start), and {@code seq} is commit order, so a reconnect or an auth-service restart
 * misses nothing. A stream silent for longer than {@code heartbeat-timeout} is treated as
 * dropped. Until the feed has been read up to date ({@link RevocationCatchUp}: after the
 * start, and after an outage longer than the access-token lifetime) it is polled even
 * while the stream is open, since only a poll's answer shows where the feed ends. Nothing
 * here blocks: it runs on Reactor Netty's event loop and timers.
 */
final class RevocationFeedClient implements SmartLifecycle {

    private static final DecisionLog decisions = DecisionLog.of(RevocationFeedClient.class);

    private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
    };

    /** Pages read in one catch-up poll before waiting for the next tick. */
    private static final int MAX_PAGES_PER_POLL = 100;

    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    // A newer auth-service may add members: a reader ignores what it does not know.
    private static final JsonMapper JSON = JsonMapper.builder()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();

    private final RevokedSessions revokedSessions;

    private final RevocationProperties properties;

    private final RevocationCatchUp catchUp;

    private final WebClient client;

    private final AtomicLong lastSeq = new AtomicLong();

    private final AtomicBoolean streaming = new AtomicBoolean();

    private volatile boolean pollFailing;

    // Whether the last attempt to read the feed (stream or poll) got an answer; false
    // until the first one does.
    private volatile boolean reachable;

    private volatile @Nullable Disposable loop;

    RevocationFeedClient(RevokedSessions revokedSessions, RevocationProperties properties, RevocationCatchUp catchUp) {
        this.revokedSessions = revokedSessions;
        this.properties = properties;
        this.catchUp = catchUp;
        HttpClient http = HttpClient.create()
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.requestTimeout().toMillis());
        WebClient.Builder client = WebClient.builder()
            .baseUrl(properties.url().toString())
            .clientConnector(new ReactorClientHttpConnector(http))
            .codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(MAX_BODY_BYTES));
        String token = properties.token();
        if (token != null) {
            client.defaultHeader(HttpHeaders.AUTHORIZATION, BearerCredential.authorization(token));
        }
        this.client = client.build();
    }

    /** The last {@code seq} applied. */
    long lastSeq() {
        return this.lastSeq.get();
    }

    /**
     * Whether the feed answered the last read, by the stream or a poll (false before the
     * first answer after start: until then, revocations made before the start are not
     * known yet).
     */
    boolean reachable() {
        return this.reachable;
    }

    /** Whether the event stream is open now (else the feed is polled). */
    boolean streaming() {
        return this.streaming.get();
    }

    @Override
    public void start() {
        this.catchUp.start();
        // The stream, tried again after each drop: from stream-retry-min, doubling to
        // stream-retry-max while attempts bring nothing, back to the minimum once one
        // brings an event (a heartbeat counts).
        Retry streamRetry = Retry.backoff(Long.MAX_VALUE, this.properties.streamRetryMin())
            .maxBackoff(this.properties.streamRetryMax())
            .jitter(0)
            .transientErrors(true);
        Mono<Void> stream = Flux.defer(this::followStream).retryWhen(streamRetry).then();
        // Whenever the stream is not open (refused, dropped, waiting to be tried again),
        // or the feed has not been read up to date yet: a poll every poll-interval.
        Mono<Void> polls = Flux.interval(Duration.ZERO, this.properties.pollInterval())
            .onBackpressureDrop()
            .filter((tick) -> !this.streaming.get() || !this.catchUp.caughtUp())
            .concatMap((tick) -> pollOnce(MAX_PAGES_PER_POLL), 1)
            .then();
        this.loop = Mono.when(stream, polls).subscribe();
    }

    @Override
    public void stop() {
        Disposable running = this.loop;
        if (running != null) {
            running.dispose();
        }
        this.loop = null;
        this.catchUp.stop();
    }

    @Override
    public boolean isRunning() {
        return this.loop != null;
    }

    // One attempt at the stream; it ends in an error whichever way it ends, so the retry
    // tries again.
    private Flux<ServerSentEvent<String>> followStream() {
        return this.client.get()
            .uri("/internal/revocations/stream?after={after}", this.lastSeq.get())
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchangeToFlux(this::openStream)
            .timeout(this.properties.heartbeatTimeout())
            .doOnNext((event) -> {
                this.reachable = true;
                this.catchUp.answered();
                if (event.data() != null) {
                    applyEvent(event.data());
                }
            })
            .concatWith(Flux.error(() -> new IllegalStateException("the stream ended")))
            .doOnError((ex) -> decisions.debug("revocation_stream_error", "cause", ex.getClass().getSimpleName()))
            .doFinally((signal) -> {
                if (this.streaming.getAndSet(false)) {
                    decisions.warn("revocation_stream_lost", "last_seq", this.lastSeq.get(), "fallback", "polling");
                }
            });
    }

    private Flux<ServerSentEvent<String>> openStream(ClientResponse response) {
        if (!response.statusCode().is2xxSuccessful()) {
            return response.releaseBody()
                .thenMany(Flux.error(new IllegalStateException("status " + response.statusCode().value())));
        }
        if (!this.streaming.getAndSet(true)) {
            decisions.info("revocation_stream_open", "after", this.lastSeq.get());
        }
        return response.bodyToFlux(EVENT);
    }

    // One poll, and the pages after it while they bring items (the stream may bring them
    // first: then the next page asks from there).
    private Mono<Void> pollOnce(int pagesLeft) {
        long after = this.lastSeq.get();
        return this.client.get()
            .uri("/internal/revocations?after={after}", after)
            .accept(MediaType.APPLICATION_JSON)
            .retrieve()
            .bodyToMono(String.class)
            .timeout(this.properties.requestTimeout())
            .map((page) -> {
                applyPage(page);
                return this.lastSeq.get() > after;
            })
            .doOnNext((moved) -> {
                this.reachable = true;
                this.catchUp.answered();
                if (this.pollFailing) {
                    this.pollFailing = false;
                    decisions.info("revocation_poll_recovered", "last_seq", this.lastSeq.get());
                }
                if (!moved) {
                    // Nothing after the seq asked for, and nothing applied meanwhile:
                    // every revocation committed before this answer is applied (seq is
                    // commit order).
                    this.catchUp.readUpToDate(after);
                }
            })
            .flatMap((moved) -> (moved && pagesLeft > 1) ? pollOnce(pagesLeft - 1) : Mono.empty())
            .onErrorResume((ex) -> {
                // An open stream still answers (a poll runs beside it during a catch-up).
                if (!this.streaming.get()) {
                    this.reachable = false;
                }
                if (!this.pollFailing) {
                    this.pollFailing = true;
                    decisions.warn("revocation_feed_unreachable", "last_seq", this.lastSeq.get(), "cause",
                            ex.getClass().getSimpleName());
                }
                return Mono.empty();
            });
    }

    private void applyPage(String body) {
        JsonNode items;
        try {
            items = JSON.readTree(body).get("items");
        }
        catch (JacksonException ex) {
            throw new IllegalStateException("not a revocation page");
        }
        if (items == null || !items.isArray()) {
            throw new IllegalStateException("not a revocation page");
        }
        for (JsonNode item : items) {
            apply(item);
        }
    }

    // An event's data is one item; a page ({"items":[...]}) is accepted too.
    private void applyEvent(String data) {
        JsonNode json;
        try {
            json = JSON.readTree(data);
        }
        catch (JacksonException ex) {
            decisions.error("revocation_event_unreadable", "last_seq", this.lastSeq.get());
            return;
        }
        if (json.has("items")) {
            applyPage(data);
        }
        else {
            apply(json);
        }
    }

    /**
     * Applies one item unless its {@code seq} is already behind. The {@code seq} is read
     * first and on its own: an item whose other members are unreadable is skipped,
     * loudly, but its {@code seq} still counts, or every later revocation would stop
     * behind it.
     */
    private void apply(JsonNode node) {
        JsonNode seqNode = node.get("seq");
        if (seqNode == null || !seqNode.isIntegralNumber() || !seqNode.canConvertToLong()) {
            decisions.error("revocation_item_without_seq", "last_seq", this.lastSeq.get());
            return;
        }
        long seq = seqNode.longValue();
        if (seq <= this.lastSeq.get()) {
            return;
        }
        try {
            RevocationFeedItem item = JSON.treeToValue(node, RevocationFeedItem.class);
            this.revokedSessions.revoke(item.sid().toString(), item.forgetAfter());
            decisions.debug("session_revoked", "seq", seq, "reason", item.reason());
        }
        catch (JacksonException ex) {
            decisions.error("revocation_item_unreadable", "seq", seq);
        }
        this.lastSeq.accumulateAndGet(seq, Math::max);
    }

}
