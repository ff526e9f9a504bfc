package dev.edgeauth.auth.account;

import java.time.Duration;
import java.util.List;

import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.common.testing.Concurrently;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With one hashing thread and room for one waiting request, a burst of logins gets 503
 * {@code unavailable} at once for what does not fit, and the rest of the service keeps
 * answering.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = { "edgeauth.password.hashing-threads=1", "edgeauth.password.hashing-queue=1" })
class HashingQueueTests {

    private final WebTestClient client;

    private final AccountClient accounts;

    @Autowired
    HashingQueueTests(WebTestClient client) {
        this.client = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        this.accounts = new AccountClient(this.client);
    }

    @Test
    void loginWhenBurstExceedsTheQueueThenUnavailableAtOnceAndServiceResponsive() {
        String email = AccountClient.newEmail();
        this.accounts.signedUp(email);
        // The burst and, while it is being hashed, a call to an endpoint that does not
        // hash
        // (index 12), which must still answer.
        List<EntityExchangeResult<String>> all = Concurrently.run(13, (i) -> (i == 12)
                ? this.client.get()
                    .uri("/.well-known/jwks.json")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                : this.accounts.login(AccountClient.credentials(email, AccountClient.PASSWORD), "192.0.2." + (100 + i))
                    .expectBody(String.class)
                    .returnResult());
        List<EntityExchangeResult<String>> results = all.subList(0, 12);
        List<EntityExchangeResult<String>> refused = results.stream()
            .filter((result) -> result.getStatus().value() == 503)
            .toList();
        assertThat(results)
            .allMatch((result) -> result.getStatus().value() == 200 || result.getStatus().value() == 503);
        assertThat(refused).isNotEmpty();
        assertThat(refused).allSatisfy((result) -> {
            assertThat(result.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
            assertThat(result.getResponseBody()).contains("\"code\":\"unavailable\"");
        });
        assertThat(results).anyMatch((result) -> result.getStatus().value() == 200);
    }

}
