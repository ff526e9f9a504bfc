package dev.edgeauth.auth.revocation;

import java.time.Duration;
import java.util.Map;

import dev.edgeauth.auth.Await;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.MutableClock;
import dev.edgeauth.auth.account.AccountClient;
import dev.edgeauth.auth.session.SessionClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocations leave the feed once no access token can outlive them, and not before.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_pruning")
class RevocationPruningTests {

    private final AccountClient accounts;

    private final SessionClient sessions;

    private final RevocationFeed feed;

    private final RevocationPruning pruning;

    private final MutableClock clock;

    @Autowired
    RevocationPruningTests(WebTestClient client, RevocationFeed feed, RevocationPruning pruning, MutableClock clock) {
        this.accounts = new AccountClient(client);
        this.sessions = new SessionClient(client);
        this.feed = feed;
        this.pruning = pruning;
        this.clock = clock;
    }

    @Test
    void pruneWhenRevocationPastForgetAfterThenGoneAndNewerOneKept() {
        String old = loggedOut();
        // Past the old one's forget_after (access-token lifetime 900 s + skew 60 s).
        this.clock.advance(Duration.ofMinutes(20));
        String recent = loggedOut();

        Await.value(this.pruning.runOnce());

        assertThat(Await.value(this.feed.page(0))).extracting((item) -> item.sid().toString())
            .contains(recent)
            .doesNotContain(old);
    }

    private String loggedOut() {
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        this.sessions.logout(SessionClient.accessToken(tokens), null).expectStatus().isNoContent();
        return SessionClient.sessionId(tokens).toString();
    }

}
