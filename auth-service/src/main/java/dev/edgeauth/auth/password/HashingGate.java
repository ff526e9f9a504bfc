package dev.edgeauth.auth.password;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import reactor.core.publisher.Mono;
import reactor.pool.InstrumentedPool;
import reactor.pool.PoolAcquirePendingLimitException;
import reactor.pool.PoolBuilder;

/**
 * Admits at most {@code permits} password-hashing flows at once and lets at most
 * {@code maxWaiting} more wait; any further request is refused at once with 503
 * {@code unavailable} and {@code Retry-After}, so a burst can never queue without bound
 * or starve the rest of the service.
 *
 * <p>
 * A flow holds its permit from its first step to its last (for a login: the lock check,
 * the hash and the recording of the outcome), which bounds how many attempts can slip
 * past a lock that is being set: at most {@code permits}. The permits are a reactor-pool
 * of tokens, which handles cancellation and release correctly.
 */
public final class HashingGate {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private static final Object PERMIT = new Object();

    private final InstrumentedPool<Object> permits;

    private final AtomicLong admitted = new AtomicLong();

    public HashingGate(int permits, int maxWaiting) {
        this.permits = PoolBuilder.from(Mono.just(PERMIT))
            .sizeBetween(0, permits)
            .maxPendingAcquire(maxWaiting)
            .buildPool();
    }

    /**
     * Runs a flow under a permit.
     * @param <T> the flow's result
     * @param flow the flow, subscribed once a permit is held
     * @return the flow's result, or 503 {@code unavailable} when the queue is full
     */
    public <T> Mono<T> run(Supplier<Mono<T>> flow) {
        return this.permits.withPoolable((permit) -> {
            this.admitted.incrementAndGet();
            return flow.get();
        })
            .next()
            .onErrorMap(PoolAcquirePendingLimitException.class, (ex) -> new ApiException(ErrorCode.UNAVAILABLE,
                    "Too many sign-ins at once; try again in a moment", RETRY_AFTER));
    }

    /** Flows that have been given a permit since start. */
    public long admitted() {
        return this.admitted.get();
    }

}
