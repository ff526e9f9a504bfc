package dev.edgeauth.auth.authentication;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * Lets controllers take a {@link CurrentSession} parameter.
 */
@Configuration(proxyBeanMethods = false)
class AuthenticationWebConfiguration implements WebFluxConfigurer {

    private final BearerAuthenticator authenticator;

    AuthenticationWebConfiguration(BearerAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new CurrentSessionArgumentResolver(this.authenticator));
    }

}
