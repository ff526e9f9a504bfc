package dev.edgeauth.auth.revocation;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Test fixture: the revocation feed on a management port, read the way a gateway reads
 * it.
 */
final class FeedClient {

    private static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
    };

    private static final ParameterizedTypeReference<Map<String, List<Map<String, Object>>>> PAGE = new ParameterizedTypeReference<>() {
    };

    private final WebClient client;

    FeedClient(int managementPort) {
        this.client = WebClient.create("http://localhost:" + managementPort);
    }

    /** The items of one page after a seq. */
    Mono<List<Map<String, Object>>> page(long after) {
        return this.client.get()
            .uri("/internal/revocations?after={after}", after)
            .accept(MediaType.APPLICATION_JSON)
            .retrieve()
            .bodyToMono(PAGE)
            .map((page) -> page.get("items"));
    }

    /** The highest seq in the feed now (0 when empty). */
    Mono<Long> lastSeq() {
        return this.page(0)
            .expand((items) -> items.isEmpty() ? Mono.empty() : this.page(seq(items.get(items.size() - 1))))
            .filter((items) -> !items.isEmpty())
            .last(List.of())
            .map((items) -> items.isEmpty() ? 0L : seq(items.get(items.size() - 1)));
    }

    /** The event stream after a seq: heartbeats and items alike. */
    Flux<ServerSentEvent<String>> stream(long after) {
        return this.client.get()
            .uri("/internal/revocations/stream?after={after}", after)
            .accept(MediaType.TEXT_EVENT_STREAM)
            .retrieve()
            .bodyToFlux(EVENT);
    }

    static long seq(Map<String, Object> item) {
        return ((Number) item.get("seq")).longValue();
    }

}
