package dev.edgeauth.auth.lockout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.edgeauth.auth.Await;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.MutableClock;
import dev.edgeauth.auth.account.AccountClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Device tokens against lockout abuse, on a controlled clock: the owner's device gets in
 * while others guess from many addresses; a device token is locked like an address; a
 * password change voids it; one source adds at most {@code threshold} failures per window
 * to the account-wide count. Defaults: threshold 5, account threshold 20, window 15 min.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_device_lockout")
class DeviceTokenLockoutTests {

    private static final String WRONG = "{\"email\":\"%s\",\"password\":\"not the password\"}";

    private static final String OWNER_ADDRESS = "203.0.113.200";

    private final WebTestClient client;

    private final AccountClient accounts;

    private final MutableClock clock;

    private final DatabaseClient database;

    @Autowired
    DeviceTokenLockoutTests(WebTestClient client, MutableClock clock, DatabaseClient database) {
        this.client = client;
        this.accounts = new AccountClient(client);
        this.clock = clock;
        this.database = database;
    }

    @Test
    void loginWhenThousandWrongPasswordsFromFiftyAddressesThenOwnersDeviceGetsInAtEveryPoint() {
        String email = AccountClient.newEmail();
        String device = deviceToken(this.accounts.signedUp(email));
        String right = AccountClient.credentials(email, AccountClient.PASSWORD);
        List<Integer> ownerStatuses = new ArrayList<>();
        List<Integer> strangerStatuses = new ArrayList<>();

        for (int round = 0; round < 20; round++) {
            for (int address = 0; address < 50; address++) {
                int status = this.accounts.loginStatus(WRONG.formatted(email), "198.18.0." + address, null);
                assertThat(status).isIn(401, 429);
            }
            ownerStatuses.add(this.accounts.loginStatus(right, OWNER_ADDRESS, device));
            // The positive control: the right password without a device token, from an
            // address of its own.
            strangerStatuses.add(this.accounts.loginStatus(right, "192.0.2." + round, null));
            this.clock.advance(Duration.ofSeconds(30));
        }

        assertThat(ownerStatuses).hasSize(20).containsOnly(200);
        assertThat(strangerStatuses).contains(429);
    }

    @Test
    void loginWhenDeviceTokenFailsThresholdTimesThenItIsLockedFromEveryAddress() {
        String email = AccountClient.newEmail();
        String device = deviceToken(this.accounts.signedUp(email));
        for (int i = 0; i < 5; i++) {
            assertThat(this.accounts.loginStatus(WRONG.formatted(email), "198.19.1." + i, device)).isEqualTo(401);
        }

        String right = AccountClient.credentials(email, AccountClient.PASSWORD);
        assertThat(this.accounts.loginStatus(right, "198.19.2.1", device)).isEqualTo(429);
        // Its own lock, not the account's nor an address's: the same password without the
        // token, from a new address, gets in.
        assertThat(this.accounts.loginStatus(right, "198.19.2.2", null)).isEqualTo(200);
    }

    @Test
    void loginWhenPasswordChangedThenOldDeviceTokenMeetsThePlainRules() {
        String email = AccountClient.newEmail();
        Map<String, Object> signedUp = this.accounts.signedUp(email);
        String oldDevice = deviceToken(signedUp);
        String newPassword = "lantern orchard velvet quarry";
        this.client.post()
            .uri("/auth/password")
            .headers((h) -> h.setBearerAuth((String) signedUp.get("access_token")))
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"current_password\":\"" + AccountClient.PASSWORD + "\",\"new_password\":\"" + newPassword
                    + "\"}")
            .exchange()
            .expectStatus()
            .isNoContent();
        String right = AccountClient.credentials(email, newPassword);
        String newDevice = deviceToken(this.accounts.loggedInWith(right, OWNER_ADDRESS));

        lockAccountFromTwentyAddresses(email, "198.19.3.");

        assertThat(this.accounts.loginStatus(right, OWNER_ADDRESS, oldDevice)).isEqualTo(429);
        assertThat(this.accounts.loginStatus(right, OWNER_ADDRESS, newDevice)).isEqualTo(200);
    }

    @Test
    void loginWhenDeviceTokenForgedExpiredOrOtherAccountsThenPlainRules() {
        String email = AccountClient.newEmail();
        String device = deviceToken(this.accounts.signedUp(email));
        String otherAccounts = deviceToken(this.accounts.signedUp(AccountClient.newEmail()));
        // One character in the middle (the last one also carries padding bits).
        char middle = device.charAt(60);
        String forged = device.substring(0, 60) + ((middle == 'A') ? 'B' : 'A') + device.substring(61);
        String right = AccountClient.credentials(email, AccountClient.PASSWORD);
        lockAccountFromTwentyAddresses(email, "198.19.4.");

        assertThat(this.accounts.loginStatus(right, OWNER_ADDRESS, forged)).isEqualTo(429);
        assertThat(this.accounts.loginStatus(right, OWNER_ADDRESS, otherAccounts)).isEqualTo(429);
        assertThat(this.accounts.loginStatus(right, OWNER_ADDRESS, "not-a-device-token")).isEqualTo(429);
        assertThat(this.accounts.loginStatus(right, OWNER_ADDRESS, device)).isEqualTo(200);

        // 90 days later the same token is no device token any more.
        this.clock.advance(Duration.ofDays(90));
        lockAccountFromTwentyAddresses(email, "198.19.5.");
        assertThat(this.accounts.loginStatus(right, OWNER_ADDRESS, device)).isEqualTo(429);
    }

    @Test
    void loginWhenOneAddressSendsHundredWrongPasswordsThenAccountCountMovesAtMostThresholdPerWindow() {
        String email = AccountClient.newEmail();
        this.accounts.signedUp(email);
        Instant start = this.clock.instant();
        Duration window = Duration.ofMinutes(15);

        for (int attempt = 0; attempt < 100; attempt++) {
            FluxExchangeResult<String> result = this.accounts.login(WRONG.formatted(email), "198.19.6.1")
                .returnResult(String.class);
            if (result.getStatus().value() == 429) {
                this.clock
                    .advance(Duration.ofSeconds(Long.parseLong(result.getResponseHeaders().getFirst("Retry-After"))));
            }
            long windowsBegun = 1 + Duration.between(start, this.clock.instant()).toSeconds() / window.toSeconds();
            assertThat(accountFailures(email)).as("after attempt %d", attempt).isLessThanOrEqualTo(5 * windowsBegun);
            if (windowsBegun == 1) {
                assertThat(accountFailures(email)).isLessThanOrEqualTo(5);
            }
        }
    }

    private void lockAccountFromTwentyAddresses(String email, String prefix) {
        for (int i = 0; i < 20; i++) {
            this.accounts.loginStatus(WRONG.formatted(email), prefix + i, null);
        }
        assertThat(this.accounts.loginStatus(WRONG.formatted(email), prefix + "250", null)).isEqualTo(429);
    }

    // The failures on the account-wide key now.
    private long accountFailures(String email) {
        Integer failures = Await.value(
                this.database.sql("SELECT coalesce(max(failures), 0) AS failures FROM login_throttles WHERE key = :key")
                    .bind("key", "account:" + email)
                    .map((row) -> row.get("failures", Integer.class))
                    .one());
        return (failures != null) ? failures : 0;
    }

    private static String deviceToken(Map<String, Object> tokens) {
        Object token = tokens.get("device_token");
        assertThat(token).isInstanceOf(String.class);
        return (String) token;
    }

}
