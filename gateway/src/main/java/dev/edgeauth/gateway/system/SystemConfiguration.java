package dev.edgeauth.gateway.system;

import java.time.Clock;

import dev.edgeauth.common.problem.ProblemResponseWriter;
import dev.edgeauth.gateway.routing.GatewayProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock and what guards the edge itself: request size, the backend connect timeout
 * and backend failures.
 */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    BackendFailureFilter backendFailureFilter(ProblemResponseWriter problems) {
        return new BackendFailureFilter(problems);
    }

    @Bean
    BackendConnectTimeout backendConnectTimeout(GatewayProperties properties) {
        return new BackendConnectTimeout(properties.backendConnectTimeout());
    }

    @Bean
    RequestSizeLimitFilter requestSizeLimitFilter(GatewayProperties properties, ProblemResponseWriter problems) {
        return new RequestSizeLimitFilter(properties.maxBodySize().toBytes(), problems);
    }

}
