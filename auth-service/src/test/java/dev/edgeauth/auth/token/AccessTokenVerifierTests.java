package dev.edgeauth.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.edgeauth.token.ForgingSigner;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.MutableClock;
import dev.edgeauth.auth.signingkey.Ed25519SigningAlgorithm;
import dev.edgeauth.auth.signingkey.SigningAlgorithm;
import dev.edgeauth.auth.signingkey.SigningKey;
import dev.edgeauth.auth.signingkey.SigningKeyService;
import dev.edgeauth.common.problem.ErrorCode;
import dev.edgeauth.token.AccessTokenVerifier;
import dev.edgeauth.token.InvalidAccessTokenException;
import dev.edgeauth.token.InvalidAccessTokenException.Reason;
import dev.edgeauth.token.VerifiedAccessToken;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auth-service's own verifier refuses every token that breaks a rule, for that rule's
 * reason. The forged tokens are signed with the real signing key unless the test is about
 * the key, so only the rule under test can refuse them.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_tokens")
class AccessTokenVerifierTests {

    private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    @Autowired
    private AccessTokenVerifier verifier;

    @Autowired
    private AccessTokenMinter minter;

    @Autowired
    private SigningKeyService keys;

    @Autowired
    private MutableClock clock;

    @Test
    void verifyWhenMintedTokenThenReturnsItsClaims() {
        UUID userId = UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();
        MintedAccessToken token = this.minter.mint(userId, sessionId, List.of("user"));

        VerifiedAccessToken verified = this.verifier.verify(token.value()).block();

        assertThat(verified).isEqualTo(new VerifiedAccessToken(userId, sessionId, List.of("user"), token.jti(),
                token.kid(), token.issuedAt(), token.expiresAt()));
    }

    @Test
    void verifyWhenForgedTokenFollowsEveryRuleThenAccepted() {
        // The baseline of the tests below: the forging helper itself makes valid tokens.
        assertThat(this.verifier.verify(forge(UnaryOperator.identity(), UnaryOperator.identity())).block().roles())
            .containsExactly("user");
    }

    @Test
    void verifyWhenNoExpThenRefused() {
        assertRefused(forge(UnaryOperator.identity(), (claims) -> claims.expirationTime(null)), Reason.MISSING_EXP);
    }

    @Test
    void verifyWhenTypIsJwtThenRefused() {
        assertRefused(forge((header) -> header.type(JOSEObjectType.JWT), UnaryOperator.identity()), Reason.WRONG_TYP);
    }

    @Test
    void verifyWhenNoTypThenRefused() {
        assertRefused(forge((header) -> header.type(null), UnaryOperator.identity()), Reason.WRONG_TYP);
    }

    @Test
    void verifyWhenWrongAudienceThenRefused() {
        assertRefused(forge(UnaryOperator.identity(), (claims) -> claims.audience("another-api")), Reason.WRONG_AUD);
    }

    @Test
    void verifyWhenWrongIssuerThenRefused() {
        assertRefused(forge(UnaryOperator.identity(), (claims) -> claims.issuer("https://attacker.example")),
                Reason.WRONG_ISS);
    }

    @Test
    void verifyWhenHs256KeyedWithThePublicKeyThenRefused() throws Exception {
        SigningKey key = signingKey();
        byte[] publicKey = Base64.getUrlDecoder().decode(key.publicJwk().toOctetKeyPair().getX().toString());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(AT_JWT).keyID(key.kid()).build(),
                validClaims().build());
        jwt.sign(new MACSigner(publicKey));

        assertRefused(jwt.serialize(), Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void verifyWhenAlgNoneThenRefused() {
        String header = base64url("{\"alg\":\"none\",\"typ\":\"at+jwt\",\"kid\":\"" + signingKey().kid() + "\"}");
        String payload = base64url(validClaims().build().toString());

        assertRefused(header + "." + payload + ".", Reason.ALGORITHM_NOT_ALLOWED);
    }

    @Test
    void verifyWhenJwkHeaderCarriesAKeyThenRefused() throws Exception {
        JWK embedded = signingKey().publicJwk();

        assertRefused(forge((header) -> header.jwk(embedded), UnaryOperator.identity()), Reason.EMBEDDED_KEY_REFERENCE);
    }

    @Test
    void verifyWhenJkuHeaderThenRefused() {
        assertRefused(forge((header) -> header.jwkURL(java.net.URI.create("https://attacker.example/jwks.json")),
                UnaryOperator.identity()), Reason.EMBEDDED_KEY_REFERENCE);
    }

    @Test
    void verifyWhenKidIsNotPublishedThenRefused() {
        assertRefused(forge((header) -> header.keyID("not-a-published-key"), UnaryOperator.identity()),
                Reason.UNKNOWN_KID);
    }

    @Test
    void verifyWhenSignedByAnotherKeyUnderThePublishedKidThenRefused() throws Exception {
        SigningAlgorithm algorithm = new Ed25519SigningAlgorithm();
        JWSSigner attacker = new ForgingSigner(
                algorithm.signingKey(algorithm.generate(new SecureRandom()).privateKey()));
        SignedJWT jwt = new SignedJWT(validHeader().build(), validClaims().build());
        jwt.sign(attacker);

        assertRefused(jwt.serialize(), Reason.BAD_SIGNATURE);
    }

    @Test
    void verifyWhenPayloadAlteredThenRefused() {
        String[] parts = forge(UnaryOperator.identity(), UnaryOperator.identity()).split("\\.");
        String altered = base64url(validClaims().claim("roles", List.of("user", "admin")).build().toString());

        assertRefused(parts[0] + "." + altered + "." + parts[2], Reason.BAD_SIGNATURE);
    }

    @Test
    void verifyWhenExpiredBeyondClockSkewThenRefused() {
        Instant now = this.clock.instant();

        assertRefused(forge(UnaryOperator.identity(), (claims) -> claims.issueTime(Date.from(now.minusSeconds(1000)))
            .expirationTime(Date.from(now.minusSeconds(60)))), Reason.EXPIRED);
    }

    @Test
    void verifyWhenExpiredWithinClockSkewThenAccepted() {
        Instant now = this.clock.instant();

        String token = forge(UnaryOperator.identity(), (claims) -> claims.issueTime(Date.from(now.minusSeconds(1000)))
            .expirationTime(Date.from(now.minusSeconds(59))));

        assertThat(this.verifier.verify(token).block().expiresAt()).isEqualTo(now.minusSeconds(59));
    }

    @Test
    void verifyWhenNotBeforeIsInTheFutureThenRefused() {
        Instant now = this.clock.instant();

        assertRefused(
                forge(UnaryOperator.identity(), (claims) -> claims.notBeforeTime(Date.from(now.plusSeconds(120)))),
                Reason.NOT_YET_VALID);
    }

    @Test
    void verifyWhenNotATokenThenRefusedAsMalformed() {
        assertRefused("not.a-token", Reason.MALFORMED);
        assertRefused("a".repeat(4097), Reason.TOO_LONG);
    }

    @Test
    void verifyWhenRefusedThenInvalidTokenProblemWithoutDetailOfTheCheck() {
        assertThatExceptionOfType(InvalidAccessTokenException.class)
            .isThrownBy(() -> this.verifier
                .verify(forge(UnaryOperator.identity(), (claims) -> claims.audience("another-api")))
                .block())
            .satisfies((ex) -> {
                assertThat(ex.errorCode()).isEqualTo(ErrorCode.INVALID_TOKEN);
                assertThat(ex.getMessage()).isEqualTo("The access token is invalid");
            });
    }

    private void assertRefused(String token, Reason reason) {
        assertThatExceptionOfType(InvalidAccessTokenException.class)
            .isThrownBy(() -> this.verifier.verify(token).block())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
    }

    private String forge(UnaryOperator<JWSHeader.Builder> header, UnaryOperator<JWTClaimsSet.Builder> claims) {
        SignedJWT jwt = new SignedJWT(header.apply(validHeader()).build(), claims.apply(validClaims()).build());
        try {
            jwt.sign(new ForgingSigner(signingKey().signingKey()));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        return jwt.serialize();
    }

    private JWSHeader.Builder validHeader() {
        return new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(AT_JWT).keyID(signingKey().kid());
    }

    private JWTClaimsSet.Builder validClaims() {
        Instant now = this.clock.instant();
        return new JWTClaimsSet.Builder().issuer("http://localhost:8080")
            .subject(UUID.randomUUID().toString())
            .audience("edgeauth")
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
            .jwtID("test-" + UUID.randomUUID())
            .claim("sid", UUID.randomUUID().toString())
            .claim("roles", List.of("user"));
    }

    private SigningKey signingKey() {
        return this.keys.ring().signingKey(this.clock.instant());
    }

    private static String base64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

}
