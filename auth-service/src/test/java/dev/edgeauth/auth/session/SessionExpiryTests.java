package dev.edgeauth.auth.session;

import java.time.Duration;
import java.util.Map;

import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.MutableClock;
import dev.edgeauth.auth.account.AccountClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idle and absolute session lifetimes (defaults: 7 and 30 days) as refresh sees them.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_session_expiry")
class SessionExpiryTests {

    private static final Duration IDLE = Duration.ofDays(7);

    private final AccountClient accounts;

    private final SessionClient sessions;

    private final MutableClock clock;

    @Autowired
    SessionExpiryTests(WebTestClient client, MutableClock clock) {
        this.accounts = new AccountClient(client);
        this.sessions = new SessionClient(client);
        this.clock = clock;
    }

    @Test
    void refreshWhenIdleLongerThanIdleLifetimeThenInvalidGrant() {
        Map<String, Object> signedUp = this.accounts.signedUp(AccountClient.newEmail());
        this.clock.advance(IDLE.plusSeconds(1));
        expectInvalidGrant(SessionClient.refreshToken(signedUp));
    }

    @Test
    void refreshWhenUsedWithinIdleLifetimeThenIdleExpirySlides() {
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        for (int i = 0; i < 3; i++) {
            // 3 × 6 days: longer than the idle lifetime in total, never idle for that
            // long.
            this.clock.advance(Duration.ofDays(6));
            tokens = this.sessions.refreshed(SessionClient.refreshToken(tokens));
            assertThat(((Number) tokens.get("refresh_expires_in")).longValue()).isEqualTo(IDLE.toSeconds());
        }
        this.accounts.me(SessionClient.accessToken(tokens)).expectStatus().isOk();
    }

    @Test
    void refreshWhenAbsoluteLifetimeReachedThenInvalidGrantHoweverActive() {
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        for (int i = 0; i < 4; i++) {
            this.clock.advance(Duration.ofDays(6));
            tokens = this.sessions.refreshed(SessionClient.refreshToken(tokens));
        }
        // Day 24: the idle expiry (day 31) is capped by the absolute one (day 30).
        assertThat(((Number) tokens.get("refresh_expires_in")).longValue()).isEqualTo(Duration.ofDays(6).toSeconds());
        this.clock.advance(Duration.ofDays(6).plusSeconds(1));
        expectInvalidGrant(SessionClient.refreshToken(tokens));
    }

    private void expectInvalidGrant(String refreshToken) {
        this.sessions.refresh(refreshToken)
            .expectStatus()
            .isUnauthorized()
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("invalid_grant");
    }

}
