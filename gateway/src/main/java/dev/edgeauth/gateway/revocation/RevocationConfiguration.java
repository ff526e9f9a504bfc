package dev.edgeauth.gateway.revocation;

import java.time.Clock;

import dev.edgeauth.token.TokenProperties;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The revoked-session set, the feed client that fills it, whether it has caught up (the
 * readiness contributor {@code revocationFeed}), and their metrics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
class RevocationConfiguration {

    @Bean
    RevokedSessions revokedSessions(Clock clock, RevocationProperties properties) {
        return new RevokedSessions(clock, properties.maxEntries());
    }

    @Bean
    RevocationCatchUp revocationCatchUp(RevocationProperties properties, TokenProperties token) {
        return new RevocationCatchUp(properties.readyTimeout(), token.accessTtl());
    }

    @Bean
    RevocationFeedClient revocationFeedClient(RevokedSessions revokedSessions, RevocationProperties properties,
            RevocationCatchUp catchUp) {
        return new RevocationFeedClient(revokedSessions, properties, catchUp);
    }

    @Bean
    RevocationFeedHealthIndicator revocationFeedHealthIndicator(RevocationCatchUp catchUp) {
        return new RevocationFeedHealthIndicator(catchUp);
    }

    @Bean
    RevocationFeedMetrics revocationFeedMetrics(RevocationFeedClient feed, RevocationCatchUp catchUp,
            RevokedSessions revokedSessions) {
        return new RevocationFeedMetrics(feed, catchUp, revokedSessions);
    }

}
