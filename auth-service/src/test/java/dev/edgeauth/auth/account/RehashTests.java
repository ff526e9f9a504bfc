package dev.edgeauth.auth.account;

import dev.edgeauth.auth.AuthServiceIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hashing parameters can change: a hash made with other parameters (weaker ones, or the
 * earlier default of 19 MiB and 2 iterations) is replaced with one of the current
 * parameters at the next successful login, and the password keeps working.
 */
@AuthServiceIntegrationTest
class RehashTests {

    private final AccountClient accounts;

    private final DatabaseClient database;

    @Autowired
    RehashTests(WebTestClient client, DatabaseClient database) {
        this.accounts = new AccountClient(client);
        this.database = database;
    }

    @ParameterizedTest
    @CsvSource({ "8192, 1", "19456, 2" })
    void loginWhenStoredHashHasOtherParametersThenRehashedWithCurrentOnes(int memoryKib, int iterations) {
        String email = AccountClient.newEmail();
        String oldHash = new Argon2PasswordEncoder(16, 32, 1, memoryKib, iterations).encode(AccountClient.PASSWORD);
        this.database.sql("INSERT INTO users (email, password_hash) VALUES (:email, :hash)")
            .bind("email", email)
            .bind("hash", oldHash)
            .then()
            .as(StepVerifier::create)
            .verifyComplete();

        this.accounts.loggedIn(email, "192.0.2.30");

        storedHash(email).as(StepVerifier::create).assertNext((hash) -> {
            assertThat(hash).isNotEqualTo(oldHash).startsWith("$argon2id$v=19$m=7168,t=5,p=1$");
        }).verifyComplete();
        this.accounts.loggedIn(email, "192.0.2.30");
    }

    private reactor.core.publisher.Mono<String> storedHash(String email) {
        return this.database.sql("SELECT password_hash FROM users WHERE email = :email")
            .bind("email", email)
            .map((row) -> row.get("password_hash", String.class))
            .one();
    }

}
