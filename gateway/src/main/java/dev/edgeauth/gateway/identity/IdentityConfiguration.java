package dev.edgeauth.gateway.identity;

import dev.edgeauth.common.web.ClientAddressResolver;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's header filters for requests and responses, picked up by Spring Cloud
 * Gateway's routing filter with its other {@code HttpHeadersFilter} beans, in place of
 * its own hop-by-hop and forwarded-headers filters (left out by system's
 * {@code LeftOutGatewayBeans}).
 */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    IdentityHeadersFilter identityHeadersFilter(ClientAddressResolver clientAddresses) {
        return new IdentityHeadersFilter(clientAddresses);
    }

    @Bean
    BackendResponseHeadersFilter backendResponseHeadersFilter() {
        return new BackendResponseHeadersFilter();
    }

}
