package dev.edgeauth.auth.system;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;

import dev.edgeauth.common.management.ManagementProperties;
import dev.edgeauth.common.management.RequiredManagementSecret;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The clock, the random source, the crypto scheduler and the transactions every feature
 * shares, and the management port's need of an operator token.
 */
@Configuration(proxyBeanMethods = false)
public class SystemConfiguration {

    /** Threads of the crypto scheduler: one per core is all CPU-bound work can use. */
    private static final int CRYPTO_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    /** Tasks that may wait for a crypto thread before new ones are refused. */
    private static final int CRYPTO_QUEUE = 1024;

    /**
     * The time source of every lifetime and rotation decision; tests replace it to move
     * time instead of sleeping.
     * @return the UTC system clock
     */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The one random source for key material, nonces and token ids: a NIST SP 800-90A
     * DRBG, seeded here, at start-up, on the main thread.
     *
     * <p>
     * Seeding reads the operating system's entropy source, a file read that must never
     * happen on an event loop (BlockHound flags it). Once seeded, the DRBG generates
     * without I/O until its reseed interval; {@link SecureRandomReseeder} reseeds it on a
     * bounded scheduler long before that.
     * @return the seeded DRBG
     * @throws NoSuchAlgorithmException never on JDK 9+
     */
    @Bean
    SecureRandom secureRandom() throws NoSuchAlgorithmException {
        SecureRandom random = SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(256,
                DrbgParameters.Capability.RESEED_ONLY, "edgeauth-auth-service".getBytes(StandardCharsets.US_ASCII)));
        random.nextBytes(new byte[32]);
        return random;
    }

    /**
     * The management port changes state (admins, signing keys): off loopback it needs the
     * operator token.
     * @param management the operator credential's settings
     * @return the requirement
     */
    @Bean
    RequiredManagementSecret operatorTokenRequired(ManagementProperties management) {
        return RequiredManagementSecret.operatorToken(management);
    }

    @Bean
    SecureRandomReseeder secureRandomReseeder(SecureRandom secureRandom, Scheduler cryptoScheduler) {
        return new SecureRandomReseeder(secureRandom, cryptoScheduler);
    }

    /**
     * The transactions every feature runs in: not cancelled by a client that hangs up
     * (replaces Spring Boot's operator).
     * @param transactionManager the R2DBC transaction manager
     * @return the operator
     */
    @Bean
    TransactionalOperator uncancellableTransactions(ReactiveTransactionManager transactionManager) {
        return new UncancellableTransactions(TransactionalOperator.create(transactionManager));
    }

    /**
     * The bounded scheduler for slow cryptography (key generation, key encryption) and
     * anything else that may block, so event loops never do.
     * @return the scheduler, disposed at shutdown
     */
    @Bean(destroyMethod = "dispose")
    Scheduler cryptoScheduler() {
        return Schedulers.newBoundedElastic(CRYPTO_THREADS, CRYPTO_QUEUE, "edgeauth-crypto");
    }

}
