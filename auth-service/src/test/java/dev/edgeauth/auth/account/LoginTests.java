package dev.edgeauth.auth.account;

import java.util.Map;
import java.util.Random;
import java.util.UUID;

import dev.edgeauth.auth.AuthServiceIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServiceIntegrationTest
class LoginTests {

    private final WebTestClient client;

    private final AccountClient accounts;

    private final AuditRows audit;

    private final MeterRegistry meters;

    private final DatabaseClient database;

    @Autowired
    LoginTests(WebTestClient client, DatabaseClient database, MeterRegistry meters) {
        this.client = client;
        this.accounts = new AccountClient(client);
        this.audit = new AuditRows(database);
        this.meters = meters;
        this.database = database;
    }

    @Test
    void loginWhenEmailIsFiveThousandRandomCharactersThenInvalidCredentialsAndEveryStoredKeyBounded() {
        StringBuilder email = new StringBuilder();
        Random random = new Random(5000);
        while (email.length() < 5000) {
            email.append((char) ('a' + random.nextInt(26)));
        }
        for (int i = 0; i < 2; i++) {
            this.accounts.login(AccountClient.credentials(email.toString(), "whatever the password"), "198.51.100.90")
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_credentials");
        }
        StepVerifier
            .create(this.database.sql("SELECT max(length(key)) AS longest FROM login_throttles")
                .map((row) -> row.get("longest", Integer.class))
                .one())
            .assertNext((longest) -> assertThat(longest).isLessThan(400))
            .verifyComplete();
    }

    @Test
    void loginWhenRightPasswordThenTokensForANewSession() {
        String email = AccountClient.newEmail();
        Map<String, Object> signup = this.accounts.signedUp(email);
        Map<String, Object> login = this.accounts.loggedIn(email.toUpperCase(), "192.0.2.1");
        assertThat(login.get("user")).isEqualTo(signup.get("user"));
        assertThat(login.get("refresh_token")).isNotEqualTo(signup.get("refresh_token"));
        assertThat(login).containsEntry("token_type", "Bearer").containsEntry("expires_in", 900);
    }

    @Test
    void loginWhenUnknownEmailOrWrongPasswordThenIdenticalBodiesAndSameEncoderWork() {
        String email = AccountClient.newEmail();
        this.accounts.signedUp(email);

        double before = verifications();
        byte[] wrongPassword = body(
                this.accounts.login(AccountClient.credentials(email, "not the password"), "192.0.2.2"));
        double afterWrongPassword = verifications();
        byte[] unknownEmail = body(this.accounts
            .login(AccountClient.credentials(AccountClient.newEmail(), "not the password"), "192.0.2.3"));
        double afterUnknownEmail = verifications();

        assertThat(unknownEmail).isEqualTo(wrongPassword);
        assertThat(afterWrongPassword - before).isEqualTo(1.0);
        assertThat(afterUnknownEmail - afterWrongPassword).isEqualTo(1.0);
    }

    @Test
    void loginWhenWrongPasswordThenOneFailureRowWithTheReasonOnlyInDetails() {
        String email = AccountClient.newEmail();
        Map<String, Object> signup = this.accounts.signedUp(email);
        UUID userId = UUID.fromString((String) ((Map<?, ?>) signup.get("user")).get("id"));
        this.accounts.login(AccountClient.credentials(email, "not the password"), "192.0.2.4")
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .valueEquals("WWW-Authenticate", "Bearer")
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("invalid_credentials")
            .jsonPath("$.detail")
            .value((String detail) -> assertThat(detail).doesNotContain("wrong_password", "unknown"));
        this.accounts.loggedIn(email, "192.0.2.4");
        this.audit.ofUser(userId)
            .as(StepVerifier::create)
            .assertNext((rows) -> assertThat(rows).containsExactly("signup/success",
                    "login_failed/failure/wrong_password", "login_succeeded/success"))
            .verifyComplete();
    }

    @Test
    void loginWhenUnknownEmailThenFailureRowWithoutUser() {
        String ip = "192.0.2.5";
        this.accounts.login(AccountClient.credentials(AccountClient.newEmail(), "whatever it is"), ip)
            .expectStatus()
            .isUnauthorized();
        this.audit.ofAddress(ip)
            .as(StepVerifier::create)
            .assertNext((rows) -> assertThat(rows).containsExactly("login_failed/failure/unknown_email"))
            .verifyComplete();
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"email\":\"a@example.com\"", "{\"email\":42,\"password\":\"x\"}",
            "{\"email\":\"a@example.com\",\"password\":true}", "{\"email\":\"a@example.com\"}",
            "{\"password\":\"whatever\"}", "{\"email\":\"a@example.com\",\"password\":\"x\",\"admin\":true}", "[]",
            "{\"email\":\"' OR 1=1 --\",\"password\":\"' OR '1'='1\"}",
            "{\"email\":\"a\\u0000@example.com\",\"password\":\"x\\u0001y\"}",
            "{\"email\":\"a@example.com\",\"password\":\"x\"} trailing" })
    void loginWhenInputBadThenClientErrorNeverServerError(String body) {
        this.client.post()
            .uri("/auth/login")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(body)
            .exchange()
            .expectStatus()
            .is4xxClientError()
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.code")
            .value((String code) -> assertThat(code).isIn("invalid_request", "invalid_credentials"));
    }

    @Test
    void loginWhenBodyHugeOrNotJsonThenPayloadTooLargeOrUnsupported() {
        this.client.post()
            .uri("/auth/login")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"email\":\"a@example.com\",\"password\":\"" + "x".repeat(100_000) + "\"}")
            .exchange()
            .expectStatus()
            .isEqualTo(413);
        this.client.post()
            .uri("/auth/login")
            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .bodyValue("email=a&password=b")
            .exchange()
            .expectStatus()
            .isEqualTo(415);
    }

    @Test
    void loginWhenSucceededOrFailedThenEventCountersMove() {
        String email = AccountClient.newEmail();
        this.accounts.signedUp(email);
        double succeeded = events("login_succeeded", "success");
        double failed = events("login_failed", "failure");
        this.accounts.loggedIn(email, "192.0.2.6");
        this.accounts.login(AccountClient.credentials(email, "not the password"), "192.0.2.6")
            .expectStatus()
            .isUnauthorized();
        assertThat(events("login_succeeded", "success")).isEqualTo(succeeded + 1);
        assertThat(events("login_failed", "failure")).isEqualTo(failed + 1);
    }

    private double events(String type, String outcome) {
        var counter = this.meters.find("edgeauth.auth.events").tags("type", type, "outcome", outcome).counter();
        return (counter != null) ? counter.count() : 0;
    }

    private double verifications() {
        return this.meters.get("edgeauth.password.verifications").counter().count();
    }

    private static byte[] body(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isUnauthorized().expectBody().returnResult().getResponseBodyContent();
    }

}
