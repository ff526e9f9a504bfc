package dev.edgeauth.auth.account;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.edgeauth.auth.Await;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.common.testing.WholeResponseConnector;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's admin grants on the management port, each with its audit row.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_admins")
class AdminsEndpointTests {

    private final WebTestClient management;

    private final AccountClient accounts;

    private final AuditRows audit;

    private final DatabaseClient database;

    @Autowired
    AdminsEndpointTests(WebTestClient client, DatabaseClient database, @LocalManagementPort int managementPort) {
        this.management = WholeResponseConnector.bindToServer("http://localhost:" + managementPort).build();
        this.accounts = new AccountClient(client);
        this.audit = new AuditRows(database);
        this.database = database;
    }

    @Test
    void grantWhenAccountExistsThenAdminAndOneAdminGrantedRow() {
        String email = AccountClient.newEmail();
        UUID userId = userId(this.accounts.signedUp(email));

        this.management.post()
            .uri("/actuator/admins")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"email\":\"" + email + "\"}")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.admin")
            .isEqualTo(true);

        StepVerifier.create(this.audit.ofUser(userId))
            .expectNext(List.of("signup/success", "admin_granted/success"))
            .verifyComplete();
        StepVerifier.create(byOperator(userId, "admin_granted")).expectNext(1L).verifyComplete();
    }

    @Test
    void revokeWhenAccountExistsThenOneAdminRevokedRow() {
        String email = AccountClient.newEmail();
        UUID userId = userId(this.accounts.signedUp(email));

        this.management.delete().uri("/actuator/admins?email={email}", email).exchange().expectStatus().isOk();

        StepVerifier.create(this.audit.ofUser(userId))
            .expectNext(List.of("signup/success", "admin_revoked/success"))
            .verifyComplete();
        StepVerifier.create(byOperator(userId, "admin_revoked")).expectNext(1L).verifyComplete();
    }

    @Test
    void grantWhenNoSuchAccountThenNotFoundAndFailureRowWithoutUser() {
        long before = Await.value(unknownEmailFailures());

        this.management.post()
            .uri("/actuator/admins")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"email\":\"" + AccountClient.newEmail() + "\"}")
            .exchange()
            .expectStatus()
            .isNotFound();

        StepVerifier.create(unknownEmailFailures()).expectNext(before + 1).verifyComplete();
    }

    private Mono<Long> byOperator(UUID userId, String type) {
        return this.database
            .sql("SELECT count(*) AS n FROM auth_events WHERE user_id = :user AND type = :type"
                    + " AND details ->> 'by' = 'operator'")
            .bind("user", userId)
            .bind("type", type)
            .map((row) -> row.get("n", Long.class))
            .one();
    }

    private Mono<Long> unknownEmailFailures() {
        return this.database
            .sql("SELECT count(*) AS n FROM auth_events WHERE type = 'admin_granted' AND outcome = 'failure'"
                    + " AND user_id IS NULL AND details ->> 'reason' = 'unknown_email'")
            .map((row) -> row.get("n", Long.class))
            .one();
    }

    @SuppressWarnings("unchecked")
    private static UUID userId(Map<String, Object> tokens) {
        return UUID.fromString((String) ((Map<String, Object>) tokens.get("user")).get("id"));
    }

}
