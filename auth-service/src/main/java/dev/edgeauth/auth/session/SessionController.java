package dev.edgeauth.auth.session;

import java.util.List;
import java.util.UUID;

import dev.edgeauth.auth.audit.ClientInfo;
import dev.edgeauth.auth.authentication.BearerAuthenticator;
import dev.edgeauth.auth.authentication.CurrentSession;
import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import dev.edgeauth.common.web.ClientAddressResolver;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Refresh, logout and the caller's sessions (contract, "Auth endpoints").
 */
@RestController
@RequestMapping(path = "/auth", produces = MediaType.APPLICATION_JSON_VALUE)
class SessionController {

    private final RefreshService refreshes;

    private final LogoutService logouts;

    private final SessionService sessions;

    private final BearerAuthenticator bearer;

    private final ClientAddressResolver addresses;

    SessionController(RefreshService refreshes, LogoutService logouts, SessionService sessions,
            BearerAuthenticator bearer, ClientAddressResolver addresses) {
        this.refreshes = refreshes;
        this.logouts = logouts;
        this.sessions = sessions;
        this.bearer = bearer;
        this.addresses = addresses;
    }

    @PostMapping(path = "/refresh", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<TokenResponse>> refresh(@RequestBody RefreshRequest request, ServerWebExchange exchange) {
        String token = request.requireRefreshToken();
        // RFC 6749 §5.1: responses carrying tokens must not be cached.
        return this.refreshes.refresh(token, client(exchange))
            .map((tokens) -> ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .body(tokens));
    }

    /**
     * By bearer token when one is presented (a rejected one is 401 {@code invalid_token}
     * even with a body), else by the body's refresh token, else 401
     * {@code invalid_token}.
     */
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> logout(@RequestParam(name = "scope", required = false) @Nullable String scope,
            @RequestBody(required = false) @Nullable RefreshRequest body, ServerWebExchange exchange) {
        LogoutScope logoutScope = LogoutScope.parse(scope);
        ClientInfo client = client(exchange);
        if (BearerAuthenticator.presentsToken(exchange.getRequest())) {
            return this.bearer.authenticate(exchange.getRequest())
                .flatMap((caller) -> this.logouts.logout(caller, logoutScope, client));
        }
        if (body != null && body.refreshToken() != null) {
            return this.logouts.logout(body.refreshToken(), logoutScope, client);
        }
        return Mono.error(new ApiException(ErrorCode.INVALID_TOKEN, "A bearer token or a refresh token is required"));
    }

    @GetMapping("/sessions")
    Mono<List<SessionView>> list(CurrentSession caller) {
        return this.sessions.findAllLive(caller.userId())
            .map((session) -> SessionView.of(session, caller.sessionId()))
            .collectList();
    }

    @DeleteMapping("/sessions/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revoke(CurrentSession caller, @PathVariable("id") String id, ServerWebExchange exchange) {
        UUID sessionId;
        try {
            sessionId = UUID.fromString(id);
        }
        catch (IllegalArgumentException ex) {
            // Not even an id: like any session that is not the caller's.
            return Mono.error(new ApiException(ErrorCode.NOT_FOUND, "No such session"));
        }
        return this.logouts.revoke(caller, sessionId, client(exchange));
    }

    private ClientInfo client(ServerWebExchange exchange) {
        return ClientInfo.of(exchange.getRequest(), this.addresses);
    }

}
