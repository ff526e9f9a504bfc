package dev.edgeauth.auth.session;

import dev.edgeauth.auth.token.AccessTokenVerifier;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * Lets controllers take a {@link CurrentSession} parameter.
 */
@Configuration(proxyBeanMethods = false)
class SessionWebConfiguration implements WebFluxConfigurer {

    private final AccessTokenVerifier verifier;

    private final SessionService sessions;

    SessionWebConfiguration(AccessTokenVerifier verifier, SessionService sessions) {
        this.verifier = verifier;
        this.sessions = sessions;
    }

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new CurrentSessionArgumentResolver(this.verifier, this.sessions));
    }

}
