package dev.edgeauth.taskservice.identity;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * Lets controllers take a {@link ForwardedIdentity} parameter.
 */
@Configuration(proxyBeanMethods = false)
class IdentityWebConfiguration implements WebFluxConfigurer {

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new ForwardedIdentityArgumentResolver());
    }

}
