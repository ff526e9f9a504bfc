package dev.edgeauth.auth.audit;

import dev.edgeauth.auth.authentication.CurrentSession;
import dev.edgeauth.common.logging.DecisionLog;
import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /auth/admin/events} (contract, "Auth endpoints"): the audit trail for
 * holders of the {@code admin} role, newest first, filtered by user, type and time, in
 * cursor pages. Anyone else with a valid token gets 403 {@code forbidden}.
 */
@RestController
class AuthEventController {

    private static final DecisionLog decisions = DecisionLog.of(AuthEventController.class);

    private final AuthEventReader reader;

    AuthEventController(AuthEventReader reader) {
        this.reader = reader;
    }

    @GetMapping(path = "/auth/admin/events", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<AuthEventPage>> events(CurrentSession caller,
            @RequestParam(name = "user_id", required = false) @Nullable String userId,
            @RequestParam(name = "type", required = false) @Nullable String type,
            @RequestParam(name = "since", required = false) @Nullable String since,
            @RequestParam(name = "limit", required = false) @Nullable String limit,
            @RequestParam(name = "cursor", required = false) @Nullable String cursor) {
        if (!caller.hasRole(CurrentSession.ADMIN_ROLE)) {
            decisions.info("admin_events_forbidden", "user", caller.userId());
            return Mono.error(new ApiException(ErrorCode.FORBIDDEN, "The admin role is required"));
        }
        AuthEventQuery query = AuthEventQuery.parse(userId, type, since, limit, cursor);
        return this.reader.page(query)
            .map((page) -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(page));
    }

}
