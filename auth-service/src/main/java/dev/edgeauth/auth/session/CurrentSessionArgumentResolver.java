package dev.edgeauth.auth.session;

import java.util.List;

import dev.edgeauth.auth.token.AccessTokenVerifier;
import dev.edgeauth.auth.token.InvalidAccessTokenException;
import dev.edgeauth.auth.token.VerifiedAccessToken;
import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Resolves {@link CurrentSession} from {@code Authorization: Bearer} (RFC 6750 §2.1): the
 * token is verified locally ({@link AccessTokenVerifier}), then its session must still be
 * live in the database, so a logout, a revoked session or a password change takes effect
 * at once on the auth-service's own endpoints.
 */
final class CurrentSessionArgumentResolver implements HandlerMethodArgumentResolver {

    private static final Log logger = LogFactory.getLog(CurrentSessionArgumentResolver.class);

    private static final String BEARER_PREFIX = "bearer ";

    private final AccessTokenVerifier verifier;

    private final SessionService sessions;

    CurrentSessionArgumentResolver(AccessTokenVerifier verifier, SessionService sessions) {
        this.verifier = verifier;
        this.sessions = sessions;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CurrentSession.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
            ServerWebExchange exchange) {
        List<String> authorization = exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
        if (authorization.isEmpty()) {
            return Mono.error(new ApiException(ErrorCode.INVALID_TOKEN, "A bearer token is required"));
        }
        String header = authorization.get(0);
        if (authorization.size() != 1 || header.length() <= BEARER_PREFIX.length()
                || !header.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return Mono.error(new ApiException(ErrorCode.INVALID_TOKEN, "The access token is invalid"));
        }
        VerifiedAccessToken token;
        try {
            token = this.verifier.verify(header.substring(BEARER_PREFIX.length()).trim());
        }
        catch (InvalidAccessTokenException ex) {
            logger.info("reason_id=access_token_refused reason=" + ex.reason());
            return Mono.error(ex);
        }
        return this.sessions.findLive(token.sessionId(), token.userId())
            .map((session) -> (Object) new CurrentSession(token.userId(), token.sessionId(), token.roles()))
            .switchIfEmpty(Mono.defer(() -> {
                logger.info("reason_id=access_token_refused reason=SESSION_ENDED");
                return Mono.error(new ApiException(ErrorCode.INVALID_TOKEN, "The session has ended"));
            }));
    }

}
