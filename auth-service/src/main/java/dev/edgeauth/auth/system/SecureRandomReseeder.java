package dev.edgeauth.auth.system;

import java.security.SecureRandom;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

import org.springframework.context.SmartLifecycle;

/**
 * Reseeds the shared DRBG every few minutes on the crypto scheduler.
 *
 * <p>
 * The JDK's DRBG reseeds itself after 2^31 requests (NIST SP 800-90A §9.3), which at
 * thousands of tokens a second is a matter of days, and it would do so on whatever thread
 * asks, possibly an event loop. Reseeding here resets that counter off the event loops
 * and also gives prediction recovery.
 */
final class SecureRandomReseeder implements SmartLifecycle {

    static final Duration INTERVAL = Duration.ofMinutes(5);

    private static final Log logger = LogFactory.getLog(SecureRandomReseeder.class);

    private final SecureRandom random;

    private final Scheduler scheduler;

    private @Nullable Disposable task;

    SecureRandomReseeder(SecureRandom random, Scheduler scheduler) {
        this.random = random;
        this.scheduler = scheduler;
    }

    @Override
    public synchronized void start() {
        this.task = Flux.interval(INTERVAL, INTERVAL, this.scheduler)
            .onBackpressureDrop()
            .subscribe((tick) -> reseed());
    }

    private void reseed() {
        try {
            this.random.reseed();
        }
        catch (RuntimeException ex) {
            // Keep generating from the current state: it is still a seeded DRBG.
            logger.warn("Reseeding the DRBG failed: " + ex.getMessage());
        }
    }

    @Override
    public synchronized void stop() {
        if (this.task != null) {
            this.task.dispose();
            this.task = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return this.task != null;
    }

}
