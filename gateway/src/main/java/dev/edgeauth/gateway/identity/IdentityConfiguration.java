package dev.edgeauth.gateway.identity;

import dev.edgeauth.common.web.ClientAddressResolver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The identity headers filter, picked up by Spring Cloud Gateway's routing filter with
 * its other {@code HttpHeadersFilter} beans, in place of the gateway's own filters that
 * strip forwarded headers.
 */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    IdentityHeadersFilter identityHeadersFilter(ClientAddressResolver clientAddresses) {
        return new IdentityHeadersFilter(clientAddresses);
    }

    @Bean
    static DuplicateHeaderFiltersRemoval duplicateHeaderFiltersRemoval() {
        return new DuplicateHeaderFiltersRemoval();
    }

}
