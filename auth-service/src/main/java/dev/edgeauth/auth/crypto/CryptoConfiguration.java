package dev.edgeauth.auth.crypto;

import java.security.SecureRandom;
import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Wires the key-encryption key and what is made from it.
 */
@Configuration(proxyBeanMethods = false)
public class CryptoConfiguration {

    @Bean
    KeyEncryption keyEncryption(KeyEncryptionProperties properties, SecureRandom secureRandom,
            Environment environment) {
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
     * Other features' short-lived secrets (refresh successors), each day under its own
     * key derived from the KEK.
     * @param keyEncryption the key-encryption keys
     * @param secureRandom the random source of the IVs
     * @param clock what "today" is for the day's key
     * @return the secret encryption
     */
    @Bean
    SecretEncryption secretEncryption(KeyEncryption keyEncryption, SecureRandom secureRandom, Clock clock) {
        return new SecretEncryption(keyEncryption, secureRandom, clock);
    }

}
