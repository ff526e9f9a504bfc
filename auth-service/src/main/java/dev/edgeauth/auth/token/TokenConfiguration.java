package dev.edgeauth.auth.token;

import java.time.Clock;

import dev.edgeauth.auth.signingkey.SigningKey;
import dev.edgeauth.auth.signingkey.SigningKeyService;
import dev.edgeauth.token.AccessTokenVerifier;
import dev.edgeauth.token.TokenProperties;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The token profile's properties ({@code edgeauth.token.*}, shared with the gateway) and
 * the platform's one verifier, looking keys up in this instance's key ring: a key
 * published now (current, next or retiring) verifies.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
class TokenConfiguration {

    @Bean
    AccessTokenVerifier accessTokenVerifier(TokenProperties properties, SigningKeyService keys, Clock clock) {
        return new AccessTokenVerifier(properties,
                (kid) -> Mono.justOrEmpty(keys.ring().verificationKey(kid, clock.instant()))
                    .map(SigningKey::verificationKey),
                clock);
    }

}
