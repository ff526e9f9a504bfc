package dev.edgeauth.auth.authentication;

import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves {@link CurrentSession} from {@code Authorization: Bearer} through
 * {@link BearerAuthenticator}.
 */
final class CurrentSessionArgumentResolver implements HandlerMethodArgumentResolver {

    private final BearerAuthenticator authenticator;

    CurrentSessionArgumentResolver(BearerAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentSession.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
            ServerWebExchange exchange) {
        return this.authenticator.authenticate(exchange.getRequest()).map((session) -> session);
    }

}
