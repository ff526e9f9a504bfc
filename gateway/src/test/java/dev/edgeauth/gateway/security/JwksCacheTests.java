package dev.edgeauth.gateway.security;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.edgeauth.gateway.testing.JwksServer;
import dev.edgeauth.gateway.testing.MutableClock;
import dev.edgeauth.gateway.testing.TestKey;
import dev.edgeauth.token.InvalidAccessTokenException;
import dev.edgeauth.token.TokenVerificationKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWKS cache policy against a real JWKS server, with a clock the test moves.
 */
class JwksCacheTests {

    private static final Duration REFETCH_INTERVAL = Duration.ofSeconds(10);

    private final TestKey key = TestKey.generate("key-1");

    private final JwksServer server = JwksServer.start(this.key);

    private final MutableClock clock = new MutableClock();

    private final JwksCache cache = new JwksCache(new JwksClient(URI.create(this.server.url()), Duration.ofSeconds(2)),
            new JwksProperties(URI.create(this.server.url()), Duration.ofMinutes(5), Duration.ofSeconds(30),
                    Duration.ofHours(1), Duration.ofMinutes(1), REFETCH_INTERVAL, Duration.ofMinutes(1),
                    Duration.ofSeconds(2)),
            this.clock);

    @AfterEach
    void stopServer() {
        this.server.stop();
    }

    @Test
    void keyWhenCachedAndFreshThenNoFetch() {
        this.server.cacheControl("public, max-age=600");
        expectKey("key-1");
        this.clock.advance(Duration.ofMinutes(8));
        expectKey("key-1");

        assertThat(this.server.requests()).isEqualTo(1);
    }

    @Test
    void keyWhenFreshnessNearlyOverThenRefreshedAheadInBackground() {
        this.server.cacheControl("public, max-age=600");
        expectKey("key-1");
        // max-age 600 s, refresh-ahead 60 s: a use after 9 minutes starts one refresh.
        this.clock.advance(Duration.ofSeconds(541));
        expectKey("key-1");

        org.awaitility.Awaitility.await().until(() -> this.server.requests() == 2);
    }

    @Test
    void keyWhenThousandRandomKidsThenAtMostOneFetchPerInterval() {
        expectKey("key-1");
        Flux.range(0, 1000)
            .concatMap((i) -> this.cache.key(UUID.randomUUID().toString().replace("-", "")).onErrorComplete())
            .as(StepVerifier::create)
            .verifyComplete();
        // The first unknown kid may fetch once; the other 999 fall inside the interval.
        assertThat(this.server.requests()).isLessThanOrEqualTo(2);
    }

    @Test
    void keyWhenKidUnknownThenRememberedAndNotFetchedAgainSoon() {
        expectKey("key-1");
        this.clock.advance(REFETCH_INTERVAL);
        expectRefused("nope", "unknown_kid");
        int afterFirst = this.server.requests();
        this.clock.advance(REFETCH_INTERVAL.plusSeconds(1));

        expectRefused("nope", "unknown_kid");

        assertThat(afterFirst).isEqualTo(2);
        assertThat(this.server.requests()).isEqualTo(afterFirst);
    }

    @Test
    void keyWhenNewKeyPublishedThenFoundAfterRefetchInterval() {
        expectKey("key-1");
        this.clock.advance(REFETCH_INTERVAL);
        this.server.publish(TestKey.generate("key-2"));

        expectKey("key-2");
    }

    @Test
    void keyWhenServerDownThenCachedKeysStillServedAndUnknownKidRefused() {
        expectKey("key-1");
        this.server.stop();
        this.clock.advance(Duration.ofHours(2));

        expectKey("key-1");
        this.clock.advance(REFETCH_INTERVAL);
        expectRefused("key-2", "jwks_unavailable");
        expectKey("key-1");
    }

    @Test
    void keyWhenServerDownAtStartThenRefusedWithoutError() {
        this.server.stop();
        expectRefused("key-1", "jwks_unavailable");
    }

    @Test
    void keyWhenManyRequestsArriveBeforeTheFirstFetchThenEveryOneGetsTheKey() throws Exception {
        int requests = 32;
        ExecutorService threads = Executors.newFixedThreadPool(requests);
        try {
            for (int round = 0; round < 40; round++) {
                // A cold cache each round: the first fetch races the others' look-ups.
                JwksCache cold = new JwksCache(new JwksClient(URI.create(this.server.url()), Duration.ofSeconds(2)),
                        new JwksProperties(URI.create(this.server.url()), Duration.ofMinutes(5), Duration.ofSeconds(30),
                                Duration.ofHours(1), Duration.ofMinutes(1), REFETCH_INTERVAL, Duration.ofMinutes(1),
                                Duration.ofSeconds(2)),
                        this.clock);
                CyclicBarrier start = new CyclicBarrier(requests);
                List<Future<Object>> answers = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    answers.add(threads.submit(() -> {
                        start.await();
                        return cold.key("key-1").map(Object.class::cast).onErrorResume(Mono::just).block();
                    }));
                }
                for (Future<Object> answer : answers) {
                    assertThat(answer.get(10, TimeUnit.SECONDS)).as("round %d", round)
                        .isInstanceOf(TokenVerificationKey.class);
                }
            }
        }
        finally {
            threads.shutdownNow();
        }
    }

    private void expectKey(String kid) {
        this.cache.key(kid).as(StepVerifier::create).expectNextCount(1).verifyComplete();
    }

    private void expectRefused(String kid, String reason) {
        this.cache.key(kid)
            .as(StepVerifier::create)
            .expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(InvalidAccessTokenException.class)
                .extracting((e) -> ((InvalidAccessTokenException) e).reason().code())
                .isEqualTo(reason))
            .verify(Duration.ofSeconds(5));
    }

}
