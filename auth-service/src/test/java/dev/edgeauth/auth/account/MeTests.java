package dev.edgeauth.auth.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.edgeauth.token.ForgingSigner;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.MutableClock;
import dev.edgeauth.auth.signingkey.SigningKey;
import dev.edgeauth.auth.signingkey.SigningKeyService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code GET /auth/me} is a resource server of the auth-service's own tokens: it refuses
 * every token that breaks a contract rule, even one signed with the real key for a live
 * session.
 */
@AuthServiceIntegrationTest
class MeTests {

    private final AccountClient accounts;

    private final SigningKeyService keys;

    private final MutableClock clock;

    @Autowired
    MeTests(WebTestClient client, SigningKeyService keys, MutableClock clock) {
        this.accounts = new AccountClient(client);
        this.keys = keys;
        this.clock = clock;
    }

    @Test
    void meWhenValidTokenThenTheAccount() {
        String email = AccountClient.newEmail();
        Map<String, Object> tokens = this.accounts.signedUp(email);
        this.accounts.me((String) tokens.get("access_token"))
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.id")
            .isEqualTo(((Map<?, ?>) tokens.get("user")).get("id"))
            .jsonPath("$.email")
            .isEqualTo(email)
            .jsonPath("$.roles")
            .isEqualTo(List.of("user"))
            .jsonPath("$.created_at")
            .isNotEmpty();
    }

    @Test
    void meWhenForgedTokenFollowsEveryRuleThenAccepted() {
        // The baseline of the refusals below: only the rule each one breaks refuses it.
        this.accounts.me(forge(UnaryOperator.identity(), UnaryOperator.identity())).expectStatus().isOk();
    }

    @Test
    void meWhenTokenHasNoExpThenRefused() {
        expectRefused(forge(UnaryOperator.identity(), (claims) -> claims.expirationTime(null)));
    }

    @Test
    void meWhenTypeIsJwtThenRefused() {
        expectRefused(forge((header) -> header.type(JOSEObjectType.JWT), UnaryOperator.identity()));
    }

    @Test
    void meWhenAudienceIsWrongThenRefused() {
        expectRefused(forge(UnaryOperator.identity(), (claims) -> claims.audience("another-api")));
    }

    @Test
    void meWhenExpiredThenRefused() {
        expectRefused(forge(UnaryOperator.identity(),
                (claims) -> claims.expirationTime(Date.from(this.clock.instant().minus(Duration.ofMinutes(5))))));
    }

    @Test
    void meWhenNoOrMalformedBearerThenUnauthorizedWithTheRightChallenge() {
        this.accounts.me("not-a-jwt")
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    private void expectRefused(String token) {
        this.accounts.me(token)
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"")
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("invalid_token");
    }

    // A token for a real, live session, signed with the real key; the operators change
    // one thing.
    private String forge(UnaryOperator<JWSHeader.Builder> header, UnaryOperator<JWTClaimsSet.Builder> claims) {
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        JWTClaimsSet real;
        try {
            real = SignedJWT.parse((String) tokens.get("access_token")).getJWTClaimsSet();
        }
        catch (java.text.ParseException ex) {
            throw new IllegalStateException(ex);
        }
        Instant now = this.clock.instant();
        SigningKey key = this.keys.ring().signingKey(now);
        JWSHeader.Builder validHeader = new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(new JOSEObjectType("at+jwt"))
            .keyID(key.kid());
        JWTClaimsSet.Builder validClaims = new JWTClaimsSet.Builder(real).jwtID("forged-" + UUID.randomUUID())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))));
        SignedJWT jwt = new SignedJWT(header.apply(validHeader).build(), claims.apply(validClaims).build());
        try {
            jwt.sign(new ForgingSigner(key.signingKey()));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

}
