package dev.edgeauth.auth.session;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * Lets controllers take a {@link CurrentSession} parameter.
 */
@Configuration(proxyBeanMethods = false)
class SessionWebConfiguration implements WebFluxConfigurer {

    private final BearerAuthenticator authenticator;

    SessionWebConfiguration(BearerAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new CurrentSessionArgumentResolver(this.authenticator));
    }

}
