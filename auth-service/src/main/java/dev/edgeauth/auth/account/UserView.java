package dev.edgeauth.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /auth/me}: who the caller is.
 *
 * @param id the user id
 * @param email the email
 * @param roles the roles
 * @param createdAt when the account was created
 */
record UserView(UUID id, String email, List<String> roles, Instant createdAt) {

    static UserView of(User user) {
        return new UserView(user.id(), user.email(), user.roles(), user.createdAt());
    }

}
