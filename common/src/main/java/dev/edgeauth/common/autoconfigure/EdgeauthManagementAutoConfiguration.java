package dev.edgeauth.common.autoconfigure;

import dev.edgeauth.common.management.ManagementAddressCheck;
import dev.edgeauth.common.management.ManagementProperties;
import dev.edgeauth.common.management.RequiredManagementSecret;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The management plane of every edgeauth service: its settings, and the start-up check of
 * where the management port listens. The guard on the port itself lives in the management
 * server's context ({@code management/ManagementAccessConfiguration}).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(ManagementProperties.class)
public class EdgeauthManagementAutoConfiguration {

    // Nothing depends on the check: with lazy initialization it would never run.
    @Bean
    static LazyInitializationExcludeFilter managementAddressCheckIsEager() {
        return LazyInitializationExcludeFilter.forBeanTypes(ManagementAddressCheck.class);
    }

    @Bean
    ManagementAddressCheck managementAddressCheck(Environment environment, ManagementProperties properties,
            ObjectProvider<RequiredManagementSecret> required) {
        return ManagementAddressCheck.verify(environment, properties, required.orderedStream().toList());
    }

}
