package dev.edgeauth.auth.password;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Password hashing on its own bounded scheduler (so a login burst never takes the threads
 * that key rotation or anything else needs), behind a gate that bounds the waiting line.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PasswordProperties.class)
class PasswordConfiguration {

    @Bean(destroyMethod = "dispose")
    Scheduler passwordHashingScheduler(PasswordProperties properties) {
        int threads = properties.effectiveHashingThreads();
        // The gate admits at most `threads` flows, so the scheduler's own queue never
        // fills; it is sized to match. Idle threads live on: each keeps its Argon2
        // memory (PooledArgon2), which a new thread would allocate again.
        return Schedulers.newBoundedElastic(threads, threads * 4, "edgeauth-password", Integer.MAX_VALUE);
    }

    @Bean
    PasswordHasher passwordHasher(PasswordProperties properties, PasswordPolicy passwordPolicy,
            Scheduler passwordHashingScheduler, MeterRegistry meters) {
        return new PasswordHasher(properties, passwordPolicy, passwordHashingScheduler, meters);
    }

    @Bean
    HashingGate hashingGate(PasswordProperties properties) {
        return new HashingGate(properties.effectiveHashingThreads(), properties.hashingQueue());
    }

    @Bean
    PasswordPolicy passwordPolicy(PasswordProperties properties) {
        return new PasswordPolicy(properties);
    }

}
