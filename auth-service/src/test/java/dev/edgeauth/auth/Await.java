package dev.edgeauth.auth;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Runs a {@link Mono} to completion with {@link StepVerifier} and hands back its value,
 * for test set-up steps.
 */
public final class Await {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Await() {
    }

    public static <T> T value(Mono<T> mono) {
        AtomicReference<T> value = new AtomicReference<>();
        StepVerifier.create(mono).consumeNextWith(value::set).expectComplete().verify(TIMEOUT);
        return value.get();
    }

    public static void completion(Mono<?> mono) {
        StepVerifier.create(mono.then()).expectComplete().verify(TIMEOUT);
    }

}
