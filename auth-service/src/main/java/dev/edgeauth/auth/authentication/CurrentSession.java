package dev.edgeauth.auth.authentication;

import java.util.List;
import java.util.UUID;

/**
 * The caller of an endpoint that needs a bearer token: a verified access token whose
 * session is still live. A controller method that declares a parameter of this type
 * answers 401 {@code invalid_token} to anyone else.
 *
 * @param userId the user ({@code sub})
 * @param sessionId the session ({@code sid})
 * @param roles the token's roles
 */
public record CurrentSession(UUID userId, UUID sessionId, List<String> roles) {

    /**
     * The role of operators' delegates (the audit view); granted only by an operator step
     * (README), never by an API a user can reach.
     */
    public static final String ADMIN_ROLE = "admin";

    public boolean hasRole(String role) {
        return this.roles.contains(role);
    }

}
