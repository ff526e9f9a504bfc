package dev.edgeauth.gateway.system;

import java.time.Clock;

import dev.edgeauth.common.management.ManagementProperties;
import dev.edgeauth.common.management.RequiredManagementSecret;
import dev.edgeauth.common.problem.ProblemResponseWriter;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock and what guards the edge itself: request size, the backend connect timeout,
 * backend failures, the management port's need of an operator token, and the Spring Cloud
 * Gateway beans left out.
 */
@Configuration(proxyBeanMethods = false)
class SystemConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    static LeftOutGatewayBeans leftOutGatewayBeans() {
        return new LeftOutGatewayBeans();
    }

    // The gateway's management port changes state (POST /actuator/gateway/refresh): off
    // loopback it needs the operator token.
    @Bean
    RequiredManagementSecret operatorTokenRequired(ManagementProperties management) {
        return RequiredManagementSecret.operatorToken(management);
    }

    @Bean
    BackendFailureFilter backendFailureFilter(ProblemResponseWriter problems) {
        return new BackendFailureFilter(problems);
    }

    @Bean
    IdempotentRetryFilter idempotentRetryFilter() {
        return new IdempotentRetryFilter();
    }

    @Bean
    BackendConnectTimeout backendConnectTimeout(EdgeProperties properties) {
        return new BackendConnectTimeout(properties.backendConnectTimeout());
    }

    @Bean
    RequestSizeLimitFilter requestSizeLimitFilter(EdgeProperties properties, ProblemResponseWriter problems) {
        return new RequestSizeLimitFilter(properties.maxBodySize().toBytes(), problems);
    }

}
