package dev.edgeauth.auth.account;

import java.util.Map;
import java.util.UUID;

import dev.edgeauth.auth.Await;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.LockWaits;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login whose password was verified against the old hash while a password change was
 * committing: held deterministically by a transaction that has changed the hash and not
 * committed, until PostgreSQL shows the login waiting for the account's row.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_login_race")
class LoginPasswordChangeRaceTests {

    private final AccountClient accounts;

    private final DatabaseClient database;

    private final TransactionalOperator transaction;

    @Autowired
    LoginPasswordChangeRaceTests(WebTestClient client, DatabaseClient database, TransactionalOperator transaction) {
        this.accounts = new AccountClient(client);
        this.database = database;
        this.transaction = transaction;
    }

    @Test
    void loginWhenPasswordChangeCommitsWhileItWaitsThenRefusedAndNoSessionOfTheOldPassword() {
        String email = AccountClient.newEmail();
        Map<String, Object> signedUp = this.accounts.signedUp(email);
        UUID userId = UUID.fromString((String) ((Map<?, ?>) signedUp.get("user")).get("id"));
        Sinks.Empty<Void> changed = Sinks.empty();
        Sinks.Empty<Void> release = Sinks.empty();
        Mono<Long> change = this.transaction
            .transactional(this.database
                .sql("UPDATE users SET password_hash = 'changed:' || password_hash,"
                        + " credential_generation = credential_generation + 1 WHERE id = :id")
                .bind("id", userId)
                .fetch()
                .rowsUpdated()
                .flatMap((rows) -> Mono.fromRunnable(changed::tryEmitEmpty).then(release.asMono()).thenReturn(rows)))
            .cache();
        change.subscribe();
        Mono<Integer> login;
        try {
            Await.completion(changed.asMono());
            login = Mono
                .fromCallable(() -> this.accounts.loginStatus(AccountClient.credentials(email, AccountClient.PASSWORD),
                        "198.51.100.40", null))
                .subscribeOn(Schedulers.boundedElastic())
                .cache();
            login.subscribe();
            Await.completion(LockWaits.rowLock(this.database));
        }
        finally {
            release.tryEmitEmpty();
        }

        assertThat(Await.value(change)).isEqualTo(1);
        assertThat(Await.value(login)).isEqualTo(401);
        assertThat(Await.value(this.database.sql("SELECT count(*) AS n FROM sessions WHERE user_id = :id")
            .bind("id", userId)
            .map((row) -> row.get("n", Long.class))
            .one())).isEqualTo(1);
    }

}
