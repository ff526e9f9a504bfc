package dev.edgeauth.auth.authentication;

import java.util.List;

import dev.edgeauth.common.logging.DecisionLog;
import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import dev.edgeauth.token.AccessTokenVerifier;
import dev.edgeauth.token.InvalidAccessTokenException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Authenticates {@code Authorization: Bearer} (RFC 6750 §2.1): the token is verified
 * locally ({@link AccessTokenVerifier}), then its session must still be live in the
 * database, so a logout, a revoked session or a password change takes effect at once on
 * the auth-service's own endpoints.
 */
@Component
public class BearerAuthenticator {

    private static final DecisionLog decisions = DecisionLog.of(BearerAuthenticator.class);

    private static final String BEARER_PREFIX = "bearer ";

    private final AccessTokenVerifier verifier;

    private final LiveSessions sessions;

    BearerAuthenticator(AccessTokenVerifier verifier, LiveSessions sessions) {
        this.verifier = verifier;
        this.sessions = sessions;
    }

    /** Whether the request presents credentials in {@code Authorization} at all. */
    public static boolean presentsToken(ServerHttpRequest request) {
        return request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
    }

    /**
     * The caller of a request.
     * @param request the request
     * @return the caller, or 401 {@code invalid_token}
     */
    public Mono<CurrentSession> authenticate(ServerHttpRequest request) {
        List<String> authorization = request.getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
        if (authorization.isEmpty()) {
            return Mono.error(new ApiException(ErrorCode.INVALID_TOKEN, "A bearer token is required"));
        }
        String header = authorization.get(0);
        if (authorization.size() != 1 || header.length() <= BEARER_PREFIX.length()
                || !header.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return Mono.error(new ApiException(ErrorCode.INVALID_TOKEN, "The access token is invalid"));
        }
        return this.verifier.verify(header.substring(BEARER_PREFIX.length()).trim())
            .doOnError(InvalidAccessTokenException.class,
                    (ex) -> decisions.info("access_token_refused", "reason", ex.reason().code()))
            .flatMap((token) -> this.sessions.isLive(token.sessionId(), token.userId()).flatMap((live) -> {
                if (live) {
                    return Mono.just(new CurrentSession(token.userId(), token.sessionId(), token.roles()));
                }
                decisions.info("access_token_refused", "reason", "session_ended");
                return Mono.error(new ApiException(ErrorCode.INVALID_TOKEN, "The session has ended"));
            }));
    }

}
