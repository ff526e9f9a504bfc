package dev.edgeauth.auth.signingkey;

import java.security.SecureRandom;
import java.time.Clock;

import dev.edgeauth.auth.audit.AuthEventWriter;
import dev.edgeauth.token.TokenProperties;
import reactor.core.scheduler.Scheduler;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.util.StringUtils;

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
    KeyEncryption keyEncryption(SigningKeyProperties properties, SecureRandom secureRandom, Environment environment) {
        return KeyEncryption.fromProperties(properties, secureRandom,
                StringUtils.hasText(environment.getProperty("edgeauth.database.url")));
    }

    /**
     * Keys derived from the KEK for other purposes (the device-token MAC).
     * @param keyEncryption the key-encryption keys
     * @return the derived keys
     */
    @Bean
    DerivedKeys derivedKeys(KeyEncryption keyEncryption) {
        return new DerivedKeys(keyEncryption);
    }

    /**
     * Other features' short-lived secrets, under the same key-encryption key.
     * @param keyEncryption the key-encryption keys
     * @param secureRandom the random source of the IVs
     * @param clock what "today" is for the day's key
     * @return the secret encryption
     */
    @Bean
    SecretEncryption secretEncryption(KeyEncryption keyEncryption, SecureRandom secureRandom, Clock clock) {
        return new SecretEncryption(keyEncryption, secureRandom, clock);
    }

    @Bean
    SigningKeyService signingKeyService(SigningKeyRepository repository, AuthEventWriter audit,
            TransactionalOperator transactions, KeyEncryption keyEncryption, SigningAlgorithm signingAlgorithm,
            SigningKeyProperties properties, TokenProperties tokenProperties, Clock clock, SecureRandom secureRandom,
            Scheduler cryptoScheduler) {
        return new SigningKeyService(repository, audit, transactions, keyEncryption, signingAlgorithm, properties,
                tokenProperties.retention(), clock, secureRandom, cryptoScheduler);
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
