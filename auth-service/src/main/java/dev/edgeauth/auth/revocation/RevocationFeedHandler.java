package dev.edgeauth.auth.revocation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.edgeauth.common.problem.ErrorCode;
import dev.edgeauth.token.revocation.RevocationFeedItem;
import dev.edgeauth.token.revocation.RevocationFeedPage;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The feed over HTTP, exactly as the contract's "Revocation feed" section has it:
 * {@code GET /internal/revocations?after=<seq>} answers
 * {@code {"items":[{"seq","sid","forget_after","reason"}]}};
 * {@code GET /internal/revocations/stream?after=<seq>} sends the same items as
 * server-sent events ({@code id:} is the {@code seq}, {@code data:} one item) with a
 * heartbeat comment every {@link #HEARTBEAT}; a stream ends when the service stops (its
 * reader then reconnects, to another instance behind a load balancer).
 *
 * <p>
 * The JSON is the token module's {@link RevocationFeedPage} and
 * {@link RevocationFeedItem}, written here, not by the context's codecs: this handler
 * lives in the management context, and the feed's shape must not depend on how that is
 * configured.
 */
final class RevocationFeedHandler {

    /** The contract asks for a heartbeat at least every 5 s. */
    static final Duration HEARTBEAT = Duration.ofSeconds(4);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RevocationFeed feed;

    RevocationFeedHandler(RevocationFeed feed) {
        this.feed = feed;
    }

    Mono<ServerResponse> page(ServerRequest request) {
        Long after = after(request);
        if (after == null) {
            return badAfter();
        }
        return this.feed.page(after)
            .map((items) -> JSON.writeValueAsString(new RevocationFeedPage(items)))
            .flatMap((json) -> ServerResponse.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .bodyValue(json));
    }

    Mono<ServerResponse> stream(ServerRequest request) {
        Long after = after(request);
        if (after == null) {
            return badAfter();
        }
        Flux<ServerSentEvent<String>> items = this.feed.follow(after)
            .map((revocation) -> ServerSentEvent.builder(JSON.writeValueAsString(revocation))
                .id(Long.toString(revocation.seq()))
                .build());
        // The first comment goes out at once, so the reader sees the stream open without
        // waiting for an item.
        Flux<ServerSentEvent<String>> heartbeats = Flux.interval(Duration.ZERO, HEARTBEAT)
            .onBackpressureDrop()
            .takeUntilOther(this.feed.stopped())
            .map((tick) -> ServerSentEvent.<String>builder().comment("heartbeat").build());
        return ServerResponse.ok()
            .contentType(MediaType.TEXT_EVENT_STREAM)
            .header("Cache-Control", "no-store")
            .body(BodyInserters.fromServerSentEvents(Flux.merge(items, heartbeats)));
    }

    // after is a non-negative integer; absent means from the start.
    private static @Nullable Long after(ServerRequest request) {
        List<String> values = request.queryParams().getOrDefault("after", List.of("0"));
        if (values.size() != 1 || !values.get(0).matches("[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(values.get(0));
    }

    private static Mono<ServerResponse> badAfter() {
        ErrorCode code = ErrorCode.INVALID_REQUEST;
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", code.type().toString());
        problem.put("title", code.title());
        problem.put("status", code.status().value());
        problem.put("detail", "Query parameter 'after' must be a non-negative integer");
        problem.put("code", code.code());
        return ServerResponse.status(code.status())
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .header("Cache-Control", "no-store")
            .bodyValue(JSON.writeValueAsString(problem));
    }

}
