package dev.edgeauth.auth.account;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.edgeauth.auth.session.CurrentSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.stereotype.Component;

/**
 * The operator's way to make admins (contract: "{@code admin} is granted only by an
 * operator step, never by an API a user can reach"): on the management port only, which
 * the gateway never routes.
 *
 * <ul>
 * <li>{@code GET /actuator/admins}: the admins' emails;</li>
 * <li>{@code POST /actuator/admins} {@code {"email":"..."}}: grants {@code admin} to an
 * existing account (404 when there is none: an account is never created here, so the
 * operator grants to an account they have checked);</li>
 * <li>{@code DELETE /actuator/admins?email=...}: takes it away.</li>
 * </ul>
 *
 * Roles travel in access tokens, so a change shows in the account's next login or refresh
 * (at most the access-token lifetime later).
 */
@Component
@Endpoint(id = "admins")
class AdminsEndpoint {

    private static final Log logger = LogFactory.getLog(AdminsEndpoint.class);

    private final UserRepository users;

    AdminsEndpoint(UserRepository users) {
        this.users = users;
    }

    @ReadOperation
    Mono<Map<String, List<String>>> admins() {
        return this.users.emailsWithRole(CurrentSession.ADMIN_ROLE).map((emails) -> Map.of("admins", emails));
    }

    @WriteOperation
    Mono<WebEndpointResponse<Map<String, Object>>> grant(String email) {
        String folded = EmailAddresses.foldForLogin(email);
        return this.users.grantRole(folded, CurrentSession.ADMIN_ROLE).map((exists) -> {
            logger.info("reason_id=" + (exists ? "admin_granted" : "admin_grant_no_account") + " email=" + folded);
            return answer(folded, exists, true);
        });
    }

    @DeleteOperation
    Mono<WebEndpointResponse<Map<String, Object>>> revoke(String email) {
        String folded = EmailAddresses.foldForLogin(email);
        return this.users.revokeRole(folded, CurrentSession.ADMIN_ROLE).map((exists) -> {
            logger.info("reason_id=" + (exists ? "admin_revoked" : "admin_revoke_no_account") + " email=" + folded);
            return answer(folded, exists, false);
        });
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
