package dev.edgeauth.gateway.revocation;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The revoked-session set, the feed client that fills it, and their metrics.
 */
@Configuration(proxyBeanMethods = false)
class RevocationConfiguration {

    @Bean
    RevokedSessions revokedSessions(Clock clock, RevocationProperties properties) {
        return new RevokedSessions(clock, properties.maxEntries());
    }

    @Bean
    RevocationFeedClient revocationFeedClient(RevokedSessions revokedSessions, RevocationProperties properties) {
        return new RevocationFeedClient(revokedSessions, properties);
    }

    @Bean
    RevocationFeedMetrics revocationFeedMetrics(RevocationFeedClient feed, RevokedSessions revokedSessions) {
        return new RevocationFeedMetrics(feed, revokedSessions);
    }

}
