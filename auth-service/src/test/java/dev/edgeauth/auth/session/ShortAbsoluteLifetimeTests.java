package dev.edgeauth.auth.session;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.edgeauth.auth.Await;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.MutableClock;
import dev.edgeauth.auth.account.AccountClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's absolute lifetime (here 5 minutes) shorter than the access-token lifetime
 * (15 minutes): no access token outlives its session, and a session ended just after its
 * absolute time still has its revocation published while its tokens can be valid.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = { "edgeauth.database.schema=auth_short_absolute", "edgeauth.session.absolute-ttl=5m" })
class ShortAbsoluteLifetimeTests {

    private static final Duration ABSOLUTE = Duration.ofMinutes(5);

    private final AccountClient accounts;

    private final SessionClient sessions;

    private final MutableClock clock;

    private final DatabaseClient database;

    @Autowired
    ShortAbsoluteLifetimeTests(WebTestClient client, MutableClock clock, DatabaseClient database) {
        this.accounts = new AccountClient(client);
        this.sessions = new SessionClient(client);
        this.clock = clock;
        this.database = database;
    }

    @Test
    void tokensWhenSessionEndsBeforeTheAccessLifetimeThenExpireWithTheSession() throws ParseException {
        Instant began = this.clock.instant();
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        assertThat(((Number) tokens.get("expires_in")).longValue()).isLessThanOrEqualTo(ABSOLUTE.toSeconds());
        assertThat(claims(tokens).getExpirationTime().toInstant()).isBeforeOrEqualTo(began.plus(ABSOLUTE));

        this.clock.advance(Duration.ofMinutes(4));
        Map<String, Object> refreshed = this.sessions.refreshed(SessionClient.refreshToken(tokens));

        assertThat(((Number) refreshed.get("expires_in")).longValue()).isLessThanOrEqualTo(60);
        assertThat(claims(refreshed).getExpirationTime().toInstant()).isBeforeOrEqualTo(began.plus(ABSOLUTE));
    }

    @Test
    void logoutGlobalWhenAnotherSessionJustPassedItsAbsoluteTimeThenItsRevocationIsStillPublished()
            throws ParseException {
        String email = AccountClient.newEmail();
        Map<String, Object> first = this.accounts.signedUp(email);
        UUID firstSession = UUID.fromString((String) claims(first).getClaim("sid"));
        this.clock.advance(Duration.ofMinutes(4));
        Map<String, Object> second = this.accounts.loggedIn(email, "198.51.100.30");
        // The first session is past its absolute time; its last token is within the skew.
        this.clock.advance(Duration.ofSeconds(70));

        this.sessions.logout(SessionClient.accessToken(second), "global").expectStatus().isNoContent();

        Long published = Await
            .value(this.database.sql("SELECT count(*) AS n FROM revocations WHERE session_id = :session")
                .bind("session", firstSession)
                .map((row) -> row.get("n", Long.class))
                .one());
        assertThat(published).isEqualTo(1);
    }

    private static JWTClaimsSet claims(Map<String, Object> tokens) throws ParseException {
        return SignedJWT.parse(SessionClient.accessToken(tokens)).getJWTClaimsSet();
    }

}
