package dev.edgeauth.auth.account;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.edgeauth.auth.audit.AuthEvent;
import dev.edgeauth.auth.audit.AuthEventOutcome;
import dev.edgeauth.auth.audit.AuthEventType;
import dev.edgeauth.auth.audit.AuthEventWriter;
import dev.edgeauth.auth.authentication.CurrentSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The operator's way to make admins (contract: "{@code admin} is granted only by an
 * operator step, never by an API a user can reach"): on the management port only, which
 * the gateway never routes, behind the operator token when one is set.
 *
 * <ul>
 * <li>{@code GET /actuator/admins}: the admins' emails;</li>
 * <li>{@code POST /actuator/admins} {@code {"email":"..."}}: grants {@code admin} to an
 * existing account (404 when there is none: an account is never created here, so the
 * operator grants to an account they have checked);</li>
 * <li>{@code DELETE /actuator/admins?email=...}: takes it away.</li>
 * </ul>
 *
 * Each grant and revoke writes an {@code admin_granted} / {@code admin_revoked} audit row
 * ({@code details.by: "operator"}) in the same transaction as the role change; one for an
 * email without an account has outcome failure. Roles travel in access tokens, so a
 * change shows in the account's next login or refresh (at most the access-token lifetime
 * later).
 */
@Component
@Endpoint(id = "admins")
class AdminsEndpoint {

    private static final Logger logger = LoggerFactory.getLogger(AdminsEndpoint.class);

    private final UserRepository users;

    private final AuthEventWriter audit;

    private final TransactionalOperator transactions;

    private final Clock clock;

    AdminsEndpoint(UserRepository users, AuthEventWriter audit, TransactionalOperator transactions, Clock clock) {
        this.users = users;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @ReadOperation
    Mono<Map<String, List<String>>> admins() {
        return this.users.emailsWithRole(CurrentSession.ADMIN_ROLE).map((emails) -> Map.of("admins", emails));
    }

    @WriteOperation
    Mono<WebEndpointResponse<Map<String, Object>>> grant(String email) {
        String folded = EmailAddresses.foldForLogin(email);
        return change(AuthEventType.ADMIN_GRANTED, this.users.grantRole(folded, CurrentSession.ADMIN_ROLE))
            .map((userId) -> answer(folded, userId.isPresent(), true));
    }

    @DeleteOperation
    Mono<WebEndpointResponse<Map<String, Object>>> revoke(String email) {
        String folded = EmailAddresses.foldForLogin(email);
        return change(AuthEventType.ADMIN_REVOKED, this.users.revokeRole(folded, CurrentSession.ADMIN_ROLE))
            .map((userId) -> answer(folded, userId.isPresent(), false));
    }

    // The role change and its audit row commit together; empty when no account has the
    // email.
    private Mono<Optional<UUID>> change(AuthEventType type, Mono<UUID> roleChange) {
        Mono<Optional<UUID>> audited = roleChange.map(Optional::of)
            .defaultIfEmpty(Optional.empty())
            .flatMap((userId) -> this.audit.write(event(type, userId.orElse(null))).thenReturn(userId));
        return this.transactions.transactional(audited)
            .doOnNext((userId) -> logger.atInfo()
                .addKeyValue("reason_id", userId.isPresent() ? type.value() : type.value() + "_no_account")
                .addKeyValue("user_id", userId.map(UUID::toString).orElse(""))
                .log("Operator changed the admin role"));
    }

    private AuthEvent event(AuthEventType type, @Nullable UUID userId) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("by", "operator");
        details.put("role", CurrentSession.ADMIN_ROLE);
        if (userId == null) {
            details.put("reason", "unknown_email");
        }
        return new AuthEvent(type, (userId != null) ? AuthEventOutcome.SUCCESS : AuthEventOutcome.FAILURE,
                this.clock.instant(), userId, null, null, null, details);
    }

    private static WebEndpointResponse<Map<String, Object>> answer(String email, boolean exists, boolean admin) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        if (!exists) {
            body.put("error", "no account with this email");
            return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_NOT_FOUND);
        }
        body.put("admin", admin);
        return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_OK);
    }

}
