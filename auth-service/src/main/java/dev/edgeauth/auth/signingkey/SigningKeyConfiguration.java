package dev.edgeauth.auth.signingkey;

import java.security.SecureRandom;
import java.time.Clock;

import dev.edgeauth.auth.audit.AuthEventWriter;
import dev.edgeauth.auth.crypto.KeyEncryption;
import dev.edgeauth.token.TokenProperties;
import reactor.core.scheduler.Scheduler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Wires the signing keys: the one place that chooses the signature algorithm.
 */
@Configuration(proxyBeanMethods = false)
public class SigningKeyConfiguration {

    /**
     * The access-token signature algorithm for the whole system: EdDSA with Ed25519 on
     * Bouncy Castle, chosen by measurement (specs/signing-keys.md).
     * @return the algorithm
     */
    @Bean
    SigningAlgorithm signingAlgorithm() {
        return new Ed25519SigningAlgorithm();
    }

    @Bean
    SigningKeyService signingKeyService(SigningKeyRepository repository, AuthEventWriter audit,
            TransactionalOperator transactions, KeyEncryption keyEncryption, SigningAlgorithm signingAlgorithm,
            SigningKeyProperties properties, TokenProperties tokenProperties, Clock clock, SecureRandom secureRandom,
            Scheduler cryptoScheduler) {
        KeyRingLoader loader = new KeyRingLoader(repository, keyEncryption, signingAlgorithm,
                tokenProperties.retention(), cryptoScheduler);
        KeyRotation rotation = new KeyRotation(repository, audit, transactions, keyEncryption, signingAlgorithm,
                properties, tokenProperties.retention(), loader, clock, secureRandom, cryptoScheduler);
        return new SigningKeyService(repository, loader, rotation,
                new KeyReencryption(repository, keyEncryption, secureRandom, cryptoScheduler));
    }

    @Bean
    SigningKeyLifecycle signingKeyLifecycle(SigningKeyService signingKeyService, SigningKeyProperties properties,
            Scheduler cryptoScheduler) {
        return new SigningKeyLifecycle(signingKeyService, properties.refreshInterval(), cryptoScheduler);
    }

    @Bean
    JwksDocuments jwksDocuments(SigningKeyService signingKeyService, Clock clock) {
        return new JwksDocuments(signingKeyService, clock);
    }

}
