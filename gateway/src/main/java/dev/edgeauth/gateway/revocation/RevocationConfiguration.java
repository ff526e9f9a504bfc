package dev.edgeauth.gateway.revocation;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The revoked-session set and the feed client that fills it.
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

}
