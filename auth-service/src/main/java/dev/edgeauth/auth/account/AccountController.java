package dev.edgeauth.auth.account;

import java.util.List;

import dev.edgeauth.auth.lockout.DeviceTokens;
import dev.edgeauth.auth.audit.ClientInfo;
import dev.edgeauth.auth.authentication.CurrentSession;
import dev.edgeauth.auth.session.TokenResponse;
import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import dev.edgeauth.common.web.ClientAddressResolver;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Signup, login, the caller's account and password change (contract, "Auth endpoints").
 */
@RestController
@RequestMapping(path = "/auth", produces = MediaType.APPLICATION_JSON_VALUE)
class AccountController {

    private final SignupService signups;

    private final LoginService logins;

    private final PasswordChangeService passwordChanges;

    private final UserRepository users;

    private final ClientAddressResolver addresses;

    AccountController(SignupService signups, LoginService logins, PasswordChangeService passwordChanges,
            UserRepository users, ClientAddressResolver addresses) {
        this.signups = signups;
        this.logins = logins;
        this.passwordChanges = passwordChanges;
        this.users = users;
        this.addresses = addresses;
    }

    @PostMapping(path = "/signup", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<TokenResponse>> signup(@RequestBody Credentials credentials, ServerWebExchange exchange) {
        return this.signups.signup(credentials, client(exchange)).map((tokens) -> tokens(HttpStatus.CREATED, tokens));
    }

    @PostMapping(path = "/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<TokenResponse>> login(@RequestBody Credentials credentials, ServerWebExchange exchange) {
        return this.logins.login(credentials, client(exchange), deviceToken(exchange))
            .map((tokens) -> tokens(HttpStatus.OK, tokens));
    }

    @GetMapping("/me")
    Mono<UserView> me(CurrentSession caller) {
        return this.users.findById(caller.userId())
            .map(UserView::of)
            .switchIfEmpty(Mono.error(() -> new ApiException(ErrorCode.INVALID_TOKEN, "The account no longer exists")));
    }

    @PostMapping(path = "/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> changePassword(CurrentSession caller, @RequestBody PasswordChange change, ServerWebExchange exchange) {
        return this.passwordChanges.change(caller, change, client(exchange), deviceToken(exchange));
    }

    // One Edgeauth-Device header, or none: several are no device token.
    private static @Nullable String deviceToken(ServerWebExchange exchange) {
        List<String> values = exchange.getRequest().getHeaders().getOrEmpty(DeviceTokens.HEADER);
        return (values.size() == 1) ? values.get(0) : null;
    }

    private ClientInfo client(ServerWebExchange exchange) {
        return ClientInfo.of(exchange.getRequest(), this.addresses);
    }

    // RFC 6749 §5.1: responses carrying tokens must not be cached.
    private static ResponseEntity<TokenResponse> tokens(HttpStatus status, TokenResponse tokens) {
        return ResponseEntity.status(status)
            .cacheControl(CacheControl.noStore())
            .header("Pragma", "no-cache")
            .body(tokens);
    }

}
