package dev.edgeauth.auth.revocation;

import dev.edgeauth.common.management.BearerCredential;
import dev.edgeauth.common.management.ManagementAccessRule;
import dev.edgeauth.common.management.ManagementProperties;
import dev.edgeauth.common.management.RequiredManagementSecret;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Who may read the feed on the management port: the feed token's holders (gateways), not
 * the operator's, and the feed token opens nothing else there (common's
 * {@code ManagementAccessFilter} applies the rule); it may not be the operator token. Off
 * loopback the token is required.
 */
@Configuration(proxyBeanMethods = false)
class RevocationFeedAccess {

    /** The feed's paths: {@code /internal/revocations} and its stream. */
    static final String FEED_PATH = "/internal/revocations";

    @Bean
    ManagementAccessRule revocationFeedAccessRule(RevocationFeedProperties properties,
            ManagementProperties management) {
        management.requireDistinct(RevocationFeedProperties.TOKEN_VARIABLE, properties.token());
        return new ManagementAccessRule(FEED_PATH,
                BearerCredential.of(RevocationFeedProperties.TOKEN_VARIABLE, properties.token(), null), "feed token");
    }

    @Bean
    RequiredManagementSecret feedTokenRequired(RevocationFeedProperties properties) {
        // Its form is checked once, by the access rule above.
        return new RequiredManagementSecret(RevocationFeedProperties.TOKEN_VARIABLE,
                StringUtils.hasText(properties.token()));
    }

}
