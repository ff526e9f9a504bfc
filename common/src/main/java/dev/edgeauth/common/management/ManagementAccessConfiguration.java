package dev.edgeauth.common.management;

import dev.edgeauth.common.problem.ProblemResponseWriter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.context.annotation.Bean;

/**
 * Puts {@link ManagementAccessFilter} in the management server's own context (listed in
 * {@code META-INF/spring/...ManagementContextConfiguration.imports}), so it guards the
 * management port and never the public one. {@link ManagementAddressCheck} makes sure the
 * two ports differ.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class ManagementAccessConfiguration {

    @Bean
    ManagementAccessFilter managementAccessFilter(WebEndpointProperties endpoints, ManagementProperties properties,
            ObjectProvider<ManagementAccessRule> rules, ProblemResponseWriter problems) {
        return new ManagementAccessFilter(endpoints.getBasePath(), properties.operatorCredential(),
                rules.orderedStream().toList(), problems);
    }

}
