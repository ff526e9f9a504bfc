package dev.edgeauth.auth.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.common.testing.Concurrently;
import dev.edgeauth.auth.MutableClock;
import dev.edgeauth.auth.password.PasswordProperties;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed-login lockout with the defaults: 5 wrong passwords from one address lock that
 * account and address (30 s, then growing), 20 from all addresses lock the account. Time
 * moves by the test clock.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_lockout")
class LockoutTests {

    private static final String WRONG = "{\"email\":\"%s\",\"password\":\"not the password\"}";

    private final AccountClient accounts;

    private final AuditRows audit;

    private final MutableClock clock;

    private final PasswordProperties passwords;

    @Autowired
    LockoutTests(WebTestClient client, DatabaseClient database, MutableClock clock, PasswordProperties passwords) {
        this.accounts = new AccountClient(client);
        this.audit = new AuditRows(database);
        this.clock = clock;
        this.passwords = passwords;
    }

    @Test
    void loginWhenLockedThenTooManyRequestsEvenForTheRightPasswordUntilTheLockEnds() {
        String email = AccountClient.newEmail();
        this.accounts.signedUp(email);
        for (int i = 0; i < 5; i++) {
            this.accounts.login(WRONG.formatted(email), "203.0.113.1").expectStatus().isUnauthorized();
        }
        String retryAfter = this.accounts.login(AccountClient.credentials(email, AccountClient.PASSWORD), "203.0.113.1")
            .expectStatus()
            .isEqualTo(429)
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("rate_limited")
            .returnResult()
            .getResponseHeaders()
            .getFirst("Retry-After");
        assertThat(Integer.parseInt(retryAfter)).isBetween(1, 30);

        // Honest Retry-After: a client that waits that long gets in.
        this.clock.advance(Duration.ofSeconds(Integer.parseInt(retryAfter)));
        this.accounts.loggedIn(email, "203.0.113.1");
    }

    @Test
    void loginWhenSucceededThenThisAddressesFailuresAreForgotten() {
        String email = AccountClient.newEmail();
        this.accounts.signedUp(email);
        for (int i = 0; i < 4; i++) {
            this.accounts.login(WRONG.formatted(email), "203.0.113.4").expectStatus().isUnauthorized();
        }
        this.accounts.loggedIn(email, "203.0.113.4");
        // Had the four failures stayed on record, the second of these would be the fifth
        // and set a lock.
        for (int i = 0; i < 4; i++) {
            this.accounts.login(WRONG.formatted(email), "203.0.113.4").expectStatus().isUnauthorized();
        }
        this.accounts.loggedIn(email, "203.0.113.4");
    }

    @Test
    void loginWhenLockedAtOneAddressThenOwnerStillLogsInFromAnother() {
        String email = AccountClient.newEmail();
        this.accounts.signedUp(email);
        for (int i = 0; i < 6; i++) {
            this.accounts.login(WRONG.formatted(email), "203.0.113.2");
        }
        this.accounts.login(AccountClient.credentials(email, AccountClient.PASSWORD), "203.0.113.2")
            .expectStatus()
            .isEqualTo(429);
        this.accounts.loggedIn(email, "198.51.100.2");
    }

    @Test
    void loginWhenLockedFromOneIpv6AddressThenTheWholeSlash64IsLockedButNotTheNextOne() {
        String email = AccountClient.newEmail();
        this.accounts.signedUp(email);
        for (int i = 0; i < 5; i++) {
            this.accounts.login(WRONG.formatted(email), "2001:db8:7:1::" + (i + 1)).expectStatus().isUnauthorized();
        }
        this.accounts.login(AccountClient.credentials(email, AccountClient.PASSWORD), "2001:db8:7:1:ffff::9")
            .expectStatus()
            .isEqualTo(429);
        this.accounts.loggedIn(email, "2001:db8:7:2::1");
    }

    @Test
    void loginWhenLockedFromIpv4MappedAddressThenLockedAsTheIpv4Address() {
        String email = AccountClient.newEmail();
        this.accounts.signedUp(email);
        for (int i = 0; i < 5; i++) {
            this.accounts.login(WRONG.formatted(email), "::ffff:203.0.113.77").expectStatus().isUnauthorized();
        }
        this.accounts.login(AccountClient.credentials(email, AccountClient.PASSWORD), "203.0.113.77")
            .expectStatus()
            .isEqualTo(429);
    }

    @Test
    void loginWhenLockedAgainThenLockGrowsButNeverBeyondItsCap() {
        String email = AccountClient.newEmail();
        this.accounts.signedUp(email);
        List<Integer> locks = new ArrayList<>();
        for (int round = 0; round < 7; round++) {
            for (int i = 0; i < 5; i++) {
                this.accounts.login(WRONG.formatted(email), "203.0.113.3");
            }
            int retryAfter = Integer.parseInt(this.accounts.login(WRONG.formatted(email), "203.0.113.3")
                .expectStatus()
                .isEqualTo(429)
                .returnResult(String.class)
                .getResponseHeaders()
                .getFirst("Retry-After"));
            locks.add(retryAfter);
            this.clock.advance(Duration.ofSeconds(retryAfter));
        }
        // Doubling from 30 s, capped at 15 min. One address never reaches the
        // account-wide
        // lock: it adds at most 5 failures per window to the account's count.
        assertThat(locks).containsExactly(30, 60, 120, 240, 480, 900, 900);
    }

    @Test
    void loginWhenGuessesSpreadOverManyAddressesThenAccountCapStopsThem() {
        String email = AccountClient.newEmail();
        this.accounts.signedUp(email);
        for (int i = 0; i < 20; i++) {
            this.accounts.login(WRONG.formatted(email), "10.1.0." + i).expectStatus().isUnauthorized();
        }
        this.accounts.login(WRONG.formatted(email), "10.2.0.1").expectStatus().isEqualTo(429);
        this.clock.advance(Duration.ofMinutes(5));
        this.accounts.loggedIn(email, "10.2.0.1");
    }

    @Test
    void loginWhenHundredParallelWrongPasswordsThenAllAnsweredAndOvershootBoundedByHashingThreads() {
        String email = AccountClient.newEmail();
        this.accounts.signedUp(email);
        String ip = "203.0.113.9";
        List<Integer> statuses = Concurrently.run(100,
                (i) -> this.accounts.login(WRONG.formatted(email), ip).returnResult(String.class).getStatus().value());

        assertThat(statuses).hasSize(100).allMatch((status) -> status == 401 || status == 429);
        int threshold = 5;
        int hashingThreads = this.passwords.effectiveHashingThreads();
        this.audit.ofAddress(ip).as(StepVerifier::create).assertNext((rows) -> {
            long evaluated = rows.stream().filter((row) -> row.endsWith("/wrong_password")).count();
            assertThat(evaluated).isGreaterThanOrEqualTo(threshold).isLessThanOrEqualTo(threshold + hashingThreads);
            assertThat(rows).filteredOn((row) -> row.startsWith("account_locked")).isNotEmpty();
            assertThat(rows.stream().filter((row) -> row.startsWith("login_failed")).count()).isEqualTo(100);
        }).verifyComplete();
    }

}
