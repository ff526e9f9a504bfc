package dev.edgeauth.auth.signingkey;

import java.time.Duration;

import dev.edgeauth.auth.system.PeriodicTask;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Runs the signing keys' start-up before the server accepts a request, then a maintenance
 * round every {@code refresh-interval}.
 *
 * <p>
 * Start-up waits for the database on the main thread: a service without a signing key
 * must not serve, and a wrong key-encryption key must stop it before the port opens. This
 * is the one blocking wait of the service, on the main thread, never an event loop
 * (Spring's own R2DBC {@code ConnectionFactoryInitializer} waits the same way).
 */
final class SigningKeyLifecycle extends PeriodicTask implements SmartInitializingSingleton {

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private static final Log logger = LogFactory.getLog(SigningKeyLifecycle.class);

    private final SigningKeyService service;

    private final Duration interval;

    SigningKeyLifecycle(SigningKeyService service, Duration interval, Scheduler scheduler) {
        super(interval, scheduler);
        this.service = service;
        this.interval = interval;
    }

    @Override
    public void afterSingletonsInstantiated() {
        this.service.initialize().block(STARTUP_TIMEOUT);
    }

    @Override
    protected Mono<Void> runOnce() {
        return this.service.maintain().onErrorResume(this::logFailure);
    }

    // A failed round (database down) changes nothing: the instance keeps its keys and
    // tries again at the next tick.
    private Mono<Void> logFailure(Throwable ex) {
        logger.warn("Signing key maintenance failed, retrying in " + this.interval + ": " + ex.getMessage());
        return Mono.empty();
    }

}
