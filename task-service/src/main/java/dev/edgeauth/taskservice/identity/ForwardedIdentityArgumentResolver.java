package dev.edgeauth.taskservice.identity;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves {@link ForwardedIdentity} from {@code X-User-Id}. The gateway strips whatever
 * a client sends under that name and sets it only for an authenticated request, so its
 * absence means "not authenticated" (401, contract: a backend without {@code X-User-Id}
 * answers 401).
 */
final class ForwardedIdentityArgumentResolver implements HandlerMethodArgumentResolver {

    // The canonical form only: UUID.fromString also accepts "1-1-1-1-1".
    private static final Pattern CANONICAL_UUID = Pattern
        .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ForwardedIdentity.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
            ServerWebExchange exchange) {
        List<String> values = exchange.getRequest().getHeaders().getOrEmpty(ForwardedIdentity.USER_ID_HEADER);
        if (values.isEmpty()) {
            return Mono.error(new ApiException(ErrorCode.INVALID_TOKEN, "Authentication required"));
        }
        if (values.size() != 1 || !CANONICAL_UUID.matcher(values.get(0)).matches()) {
            return Mono.error(new ApiException(ErrorCode.INVALID_TOKEN, "The forwarded identity is malformed"));
        }
        return Mono.just(new ForwardedIdentity(UUID.fromString(values.get(0))));
    }

}
