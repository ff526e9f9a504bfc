package dev.edgeauth.taskservice.identity;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.edgeauth.common.identity.IdentityHeaders;
import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import dev.edgeauth.common.web.ClientAddressResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 *
 * <p>
 * The header is believed only from a trusted proxy
 * ({@code EDGEAUTH_BACKEND_TRUSTED_PROXIES}, default loopback: the gateway on the same
 * host). From any other peer it is treated as absent (401, the same answer), and the
 * refusal is logged with reason code {@code forwarded_identity_untrusted_peer}: a client
 * that reaches the task-service past the gateway cannot claim to be anyone.
 */
final class ForwardedIdentityArgumentResolver implements HandlerMethodArgumentResolver {

    private static final Logger logger = LoggerFactory.getLogger(ForwardedIdentityArgumentResolver.class);

    // The canonical form only: UUID.fromString also accepts "1-1-1-1-1".
    private static final Pattern CANONICAL_UUID = Pattern
        .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ClientAddressResolver clientAddresses;

    ForwardedIdentityArgumentResolver(ClientAddressResolver clientAddresses) {
        this.clientAddresses = clientAddresses;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ForwardedIdentity.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
            ServerWebExchange exchange) {
        List<String> values = exchange.getRequest().getHeaders().getOrEmpty(IdentityHeaders.USER_ID);
        if (!values.isEmpty() && !this.clientAddresses.isFromTrustedProxy(exchange.getRequest())) {
            logger.atWarn()
                .addKeyValue("reason_id", "forwarded_identity_untrusted_peer")
                .addKeyValue("peer", this.clientAddresses.resolve(exchange.getRequest()))
                .log("Identity headers from a peer that is not a trusted proxy were ignored");
            values = List.of();
        }
        if (values.isEmpty()) {
            return Mono.error(new ApiException(ErrorCode.INVALID_TOKEN, "Authentication required"));
        }
        if (values.size() != 1 || !CANONICAL_UUID.matcher(values.get(0)).matches()) {
            return Mono.error(new ApiException(ErrorCode.INVALID_TOKEN, "The forwarded identity is malformed"));
        }
        return Mono.just(new ForwardedIdentity(UUID.fromString(values.get(0))));
    }

}
