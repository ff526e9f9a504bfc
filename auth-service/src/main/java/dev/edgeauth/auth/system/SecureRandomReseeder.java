package dev.edgeauth.auth.system;

import java.security.SecureRandom;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Reseeds the shared DRBG every few minutes on the crypto scheduler.
 *
 * <p>
 * The JDK's DRBG reseeds itself after 2^31 requests (NIST SP 800-90A §9.3), which at
 * thousands of tokens a second is a matter of days, and it would do so on whatever thread
 * asks, possibly an event loop. Reseeding here resets that counter off the event loops
 * and also gives prediction recovery.
 */
final class SecureRandomReseeder extends PeriodicTask {

    static final Duration INTERVAL = Duration.ofMinutes(5);

    private static final Log logger = LogFactory.getLog(SecureRandomReseeder.class);

    private final SecureRandom random;

    SecureRandomReseeder(SecureRandom random, Scheduler scheduler) {
        super(INTERVAL, scheduler);
        this.random = random;
    }

    @Override
    protected Mono<Void> runOnce() {
        return Mono.fromRunnable(this::reseed);
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

}
