package dev.edgeauth.gateway.identity;

import dev.edgeauth.common.web.ClientAddressResolver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The identity headers filter, picked up by Spring Cloud Gateway's routing filter with
 * its other {@code HttpHeadersFilter} beans.
 */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    IdentityHeadersFilter identityHeadersFilter(ClientAddressResolver clientAddresses) {
        return new IdentityHeadersFilter(clientAddresses);
    }

}
