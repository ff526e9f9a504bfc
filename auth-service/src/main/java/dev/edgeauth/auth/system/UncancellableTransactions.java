package dev.edgeauth.auth.system;

import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.transaction.reactive.TransactionCallback;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The service's transactions: once subscribed (from waiting for a pooled connection on),
 * a transaction runs to its end (commit, or rollback on error) even when the client hangs
 * up meanwhile; only its result is dropped.
 *
 * <p>
 * Spring's operator rolls a cancelled transaction back, but a hang-up that lands while
 * {@code BEGIN} or the rollback is in flight left pooled connections idle in a
 * transaction, holding row locks and running later requests' statements inside it
 * ({@code DisconnectedClientTests}). Cancellation therefore stops at this operator. For a
 * refresh, a client that retries within the grace window gets the successor that the
 * abandoned request committed (specs/sessions.md).
 */
public final class UncancellableTransactions implements TransactionalOperator {

    private final TransactionalOperator delegate;

    public UncancellableTransactions(TransactionalOperator delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> Mono<T> transactional(Mono<T> mono) {
        return runToEnd(this.delegate.transactional(mono));
    }

    // transactional(Flux) is the interface's default: execute(status -> flux), below.
    @Override
    public <T> Flux<T> execute(TransactionCallback<T> action) {
        return runToEnd(this.delegate.execute(action).collectList()).flatMapIterable(Function.identity());
    }

    /**
     * Subscribes to the work on its own, with the caller's context, and hands its outcome
     * to whoever still waits: a cancelled caller stops waiting without cancelling it, and
     * the outcome of abandoned work is kept by the sink, not dropped as an error.
     */
    private static <T> Mono<T> runToEnd(Mono<T> work) {
        return Mono.deferContextual((context) -> {
            Sinks.One<T> outcome = Sinks.one();
            work.contextWrite(context).subscribe(outcome::tryEmitValue, outcome::tryEmitError, outcome::tryEmitEmpty);
            return outcome.asMono();
        });
    }

}
