package dev.edgeauth.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An account row. Never logged or returned as a whole: it holds the password hash.
 *
 * @param id the user id (the token's {@code sub})
 * @param email the case-folded email
 * @param passwordHash the Argon2id hash with its parameters
 * @param roles the roles; always contains {@code user}
 * @param createdAt when the account was created
 * @param credentialGeneration moves on with every password change (device tokens carry
 * it)
 */
record User(UUID id, String email, String passwordHash, List<String> roles, Instant createdAt,
        int credentialGeneration) {

    @Override
    public String toString() {
        return "User[id=" + this.id + "]";
    }

}
