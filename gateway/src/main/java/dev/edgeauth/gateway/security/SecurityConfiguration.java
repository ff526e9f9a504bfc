package dev.edgeauth.gateway.security;

import java.time.Clock;

import dev.edgeauth.common.problem.ProblemResponseWriter;
import dev.edgeauth.gateway.revocation.RevokedSessions;
import dev.edgeauth.token.TokenProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * The authenticate stage: the JWKS cache, the token verifier and the filter. No Spring
 * Security: see specs/gateway.md ("Why no Spring Security").
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
class SecurityConfiguration {

    @Bean
    JwksCache jwksCache(JwksProperties properties, Clock clock) {
        return new JwksCache(new JwksClient(properties.uri(), properties.fetchTimeout()), properties, clock);
    }

    /**
     * The verifier, behind the verified-token cache unless
     * {@code edgeauth.gateway.token-cache.enabled} is false.
     */
    // An operator's alert: 0 means no token can be verified.
    @Bean
    MeterBinder jwksMetrics(JwksCache keys) {
        return (registry) -> Gauge.builder("edgeauth.gateway.jwks.keys", keys, JwksCache::keyCount)
            .description("Verification keys in the gateway's cached JWKS")
            .register(registry);
    }

    @Bean
    AccessTokenVerifier accessTokenVerifier(JwksCache keys, TokenProperties properties, TokenCacheProperties cache,
            Clock clock) {
        AccessTokenVerifier verifier = new JwsAccessTokenVerifier(keys, properties, clock);
        if (!cache.enabled()) {
            return verifier;
        }
        return new CachingAccessTokenVerifier(verifier, keys, clock, properties.clockSkew(), cache.maxEntries());
    }

    @Bean
    AuthenticationFilter authenticationFilter(AccessTokenVerifier verifier, RevokedSessions revokedSessions,
            ProblemResponseWriter problems) {
        return new AuthenticationFilter(verifier, revokedSessions, problems);
    }

    /**
     * Warms the key cache once the gateway is up. Not a requirement: the gateway starts
     * and serves public routes with the auth-service down, and the cache fills on first
     * use.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUpKeys(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(JwksCache.class).refreshInBackground();
    }

}
