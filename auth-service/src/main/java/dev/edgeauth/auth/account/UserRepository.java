package dev.edgeauth.auth.account;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Accounts in PostgreSQL.
 */
@Repository
class UserRepository {

    private static final String COLUMNS = "id, email, password_hash, roles, created_at, credential_generation";

    private final DatabaseClient database;

    UserRepository(DatabaseClient database) {
        this.database = database;
    }

    /**
     * Creates an account unless the email is taken; race-safe through the unique index:
     * of two concurrent signups with one email exactly one gets a row.
     * @return the new account, or empty when the email is taken
     */
    Mono<User> insertIfAbsent(String email, String passwordHash) {
        return this.database
            .sql("INSERT INTO users (email, password_hash) VALUES (:email, :hash) ON CONFLICT (email) DO NOTHING"
                    + " RETURNING " + COLUMNS)
            .bind("email", email)
            .bind("hash", passwordHash)
            .map(UserRepository::toUser)
            .one();
    }

    Mono<User> findByEmail(String email) {
        return this.database.sql("SELECT " + COLUMNS + " FROM users WHERE email = :email")
            .bind("email", email)
            .map(UserRepository::toUser)
            .one();
    }

    Mono<User> findById(UUID id) {
        return this.database.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
            .bind("id", id)
            .map(UserRepository::toUser)
            .one();
    }

    /**
     * Sets a new password: its hash, and the next credential generation (device tokens of
     * the old one stop working).
     */
    Mono<Void> changePassword(UUID id, String passwordHash) {
        return this.database.sql("""
                UPDATE users SET password_hash = :hash, credential_generation = credential_generation + 1,
                updated_at = now() WHERE id = :id""")
            .bind("id", id)
            .bind("hash", passwordHash)
            .fetch()
            .rowsUpdated()
            .then();
    }

    /**
     * Locks an account's row if its password hash is still the one a login verified: a
     * password change that commits first makes this false (and one that comes later waits
     * for the login's transaction).
     * @return whether the hash is unchanged
     */
    Mono<Boolean> lockIfHashUnchanged(UUID id, String verifiedHash) {
        return this.database.sql("SELECT id FROM users WHERE id = :id AND password_hash = :hash FOR UPDATE")
            .bind("id", id)
            .bind("hash", verifiedHash)
            .map((row) -> row.get("id", UUID.class))
            .one()
            .hasElement();
    }

    /**
     * Replaces the hash of the same password (stronger hashing parameters), only if it is
     * still the one that was verified.
     */
    Mono<Void> rehash(UUID id, String verifiedHash, String newHash) {
        return this.database.sql(
                "UPDATE users SET password_hash = :new, updated_at = now() WHERE id = :id AND password_hash = :verified")
            .bind("id", id)
            .bind("verified", verifiedHash)
            .bind("new", newHash)
            .fetch()
            .rowsUpdated()
            .then();
    }

    /**
     * Gives an account a role (idempotent).
     * @return the account's id; empty when no account has this email
     */
    Mono<UUID> grantRole(String email, String role) {
        return this.database.sql("""
                UPDATE users SET roles = CASE WHEN :role = ANY(roles) THEN roles ELSE array_append(roles, :role) END,
                updated_at = now() WHERE email = :email RETURNING id""")
            .bind("email", email)
            .bind("role", role)
            .map((row) -> row.get("id", UUID.class))
            .one();
    }

    /**
     * Takes a role from an account (idempotent).
     * @return the account's id; empty when no account has this email
     */
    Mono<UUID> revokeRole(String email, String role) {
        return this.database.sql("""
                UPDATE users SET roles = array_remove(roles, :role), updated_at = now() WHERE email = :email
                RETURNING id""").bind("email", email).bind("role", role).map((row) -> row.get("id", UUID.class)).one();
    }

    /** The emails of the accounts that hold a role. */
    Mono<List<String>> emailsWithRole(String role) {
        return this.database.sql("SELECT email FROM users WHERE :role = ANY(roles) ORDER BY email")
            .bind("role", role)
            .map((row) -> row.get("email", String.class))
            .all()
            .collectList();
    }

    private static User toUser(Readable row) {
        String[] roles = row.get("roles", String[].class);
        return new User(row.get("id", UUID.class), row.get("email", String.class),
                row.get("password_hash", String.class), (roles != null) ? Arrays.asList(roles) : List.of("user"),
                row.get("created_at", Instant.class), row.get("credential_generation", Integer.class));
    }

}
