package dev.edgeauth.token;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.edgeauth.token.InvalidAccessTokenException.Reason;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every rule of the profile, one altered member at a time, each token re-signed with the
 * real key so that only the rule under test can refuse it.
 */
class AccessTokenVerifierTests {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static final TokenProperties PROPERTIES = new TokenProperties("http://localhost:8080", "edgeauth",
            Duration.ofMinutes(15), Duration.ofSeconds(60), 4096);

    private static final byte[] SEED = new Ed25519PrivateKeyParameters(new SecureRandom()).getEncoded();

    private static final TokenSigningKey KEY = TokenSigningKey.ed25519(SEED);

    private static final TokenVerificationKey PUBLIC = TokenVerificationKey.ed25519(KEY.publicKey());

    private final AccessTokenVerifier verifier = new AccessTokenVerifier(PROPERTIES,
            (kid) -> kid.equals("key-1") ? Mono.just(PUBLIC) : Mono.empty(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void verifyWhenSignedBySignerThenClaimsComeBack() {
        UUID user = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        String token = new AccessTokenSigner(PROPERTIES).sign(
                new AccessTokenClaims(user, session, List.of("user", "admin"), "jti-1", NOW, NOW.plusSeconds(900)),
                "key-1", KEY);

        VerifiedAccessToken verified = this.verifier.verify(token).block();

        assertThat(verified).isEqualTo(new VerifiedAccessToken(user, session, List.of("user", "admin"), "jti-1",
                "key-1", NOW, NOW.plusSeconds(900)));
    }

    @Test
    void signingKeyWhenPairedWithItsOwnPublicKeyThenPairs() {
        assertThat(KEY.pairsWith(PUBLIC)).isTrue();
        assertThat(KEY.pairsWith(TokenVerificationKey.ed25519(
                TokenSigningKey.ed25519(new Ed25519PrivateKeyParameters(new SecureRandom()).getEncoded()).publicKey())))
            .isFalse();
        assertThat(KEY).hasToString("TokenSigningKey[private key hidden]");
    }

    static Stream<Arguments> alterations() {
        return Stream.of(refused("alg HS256", (h) -> h.put("alg", "HS256"), null, Reason.ALGORITHM_NOT_ALLOWED),
                refused("typ JWT", (h) -> h.put("typ", "JWT"), null, Reason.WRONG_TYP),
                refused("no typ", (h) -> h.remove("typ"), null, Reason.WRONG_TYP),
                refused("crit", (h) -> h.put("crit", List.of("exp")), null, Reason.CRIT_NOT_SUPPORTED),
                refused("jku", (h) -> h.put("jku", "https://attacker.example/jwks"), null,
                        Reason.EMBEDDED_KEY_REFERENCE),
                refused("x5u", (h) -> h.put("x5u", "https://attacker.example/cert"), null,
                        Reason.EMBEDDED_KEY_REFERENCE),
                refused("cty", (h) -> h.put("cty", "JWT"), null, Reason.UNEXPECTED_HEADER),
                refused("no kid", (h) -> h.remove("kid"), null, Reason.MISSING_KID),
                refused("kid with a slash", (h) -> h.put("kid", "../key"), null, Reason.MALFORMED_KID),
                refused("unknown kid", (h) -> h.put("kid", "key-2"), null, Reason.UNKNOWN_KID),
                refused("iss", null, (c) -> c.put("iss", "https://other.example"), Reason.WRONG_ISS),
                refused("aud", null, (c) -> c.put("aud", "other"), Reason.WRONG_AUD),
                refused("no exp", null, (c) -> c.remove("exp"), Reason.MISSING_EXP),
                refused("exp passed beyond the skew", null, (c) -> c.put("exp", NOW.getEpochSecond() - 60),
                        Reason.EXPIRED),
                refused("nbf ahead beyond the skew", null, (c) -> c.put("nbf", NOW.getEpochSecond() + 61),
                        Reason.NOT_YET_VALID),
                refused("no iat", null, (c) -> c.remove("iat"), Reason.MISSING_IAT),
                refused("iat ahead beyond the skew", null, (c) -> c.put("iat", NOW.getEpochSecond() + 61),
                        Reason.ISSUED_IN_FUTURE),
                refused("no jti", null, (c) -> c.remove("jti"), Reason.BAD_JTI),
                refused("jti with a space", null, (c) -> c.put("jti", "a b"), Reason.BAD_JTI),
                refused("sub not a UUID", null, (c) -> c.put("sub", "alice"), Reason.BAD_SUB),
                refused("sid not a UUID", null, (c) -> c.put("sid", "session-1"), Reason.BAD_SID),
                refused("no roles", null, (c) -> c.remove("roles"), Reason.BAD_ROLES),
                refused("a role with a comma", null, (c) -> c.put("roles", List.of("a,b")), Reason.BAD_ROLES),
                refused("65 roles", null,
                        (c) -> c.put("roles", Stream.iterate(0, (i) -> i + 1).limit(65).map((i) -> "r" + i).toList()),
                        Reason.BAD_ROLES),
                refused("roles a string", null, (c) -> c.put("roles", "user"), Reason.BAD_ROLES),
                Arguments.of("exp within the skew", null,
                        (Consumer<Map<String, Object>>) (c) -> c.put("exp", NOW.getEpochSecond() - 59), null),
                Arguments.of("typ application/at+jwt",
                        (Consumer<Map<String, Object>>) (h) -> h.put("typ", "application/AT+JWT"), null, null));
    }

    private static Arguments refused(String name, Consumer<Map<String, Object>> header,
            Consumer<Map<String, Object>> claims, Reason reason) {
        return Arguments.of(name, header, claims, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alterations")
    void verifyWhenOneMemberAlteredAndResignedThenOnlyThatRuleDecides(String name, Consumer<Map<String, Object>> header,
            Consumer<Map<String, Object>> claims, Reason reason) {
        String token = resigned(header, claims);
        if (reason == null) {
            assertThat(this.verifier.verify(token).block()).isNotNull();
        }
        else {
            assertThatExceptionOfType(InvalidAccessTokenException.class)
                .isThrownBy(() -> this.verifier.verify(token).block())
                .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
        }
    }

    @Test
    void verifyWhenNotACompactJwsThenRefusedUnparsed() {
        assertRefused("a".repeat(4097), Reason.TOO_LONG);
        assertRefused("not.a token", Reason.MALFORMED);
        assertRefused("one.two", Reason.MALFORMED);
        assertRefused(resigned(null, null) + "=", Reason.MALFORMED);
    }

    @Test
    void verifyWhenSignatureAlteredOrShortThenBadSignature() {
        String token = resigned(null, null);
        String[] parts = token.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[0] ^= 1;
        assertRefused(parts[0] + "." + parts[1] + "." + encode(signature), Reason.BAD_SIGNATURE);
        assertRefused(parts[0] + "." + parts[1] + "." + encode(new byte[10]), Reason.BAD_SIGNATURE);
    }

    private void assertRefused(String token, Reason reason) {
        assertThatExceptionOfType(InvalidAccessTokenException.class)
            .isThrownBy(() -> this.verifier.verify(token).block())
            .satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
    }

    // A token as the signer makes it, one member changed, signed again with the real key.
    private static String resigned(Consumer<Map<String, Object>> header, Consumer<Map<String, Object>> claims) {
        Map<String, Object> h = new LinkedHashMap<>(Map.of("alg", "EdDSA", "typ", "at+jwt", "kid", "key-1"));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", "http://localhost:8080");
        c.put("sub", UUID.randomUUID().toString());
        c.put("aud", "edgeauth");
        c.put("exp", NOW.getEpochSecond() + 900);
        c.put("iat", NOW.getEpochSecond());
        c.put("jti", "jti-1");
        c.put("sid", UUID.randomUUID().toString());
        c.put("roles", List.of("user"));
        if (header != null) {
            header.accept(h);
        }
        if (claims != null) {
            claims.accept(c);
        }
        String input = encode(JSONObjectUtils.toJSONString(h).getBytes()) + "."
                + encode(JSONObjectUtils.toJSONString(c).getBytes());
        return input + "." + encode(KEY.sign(input.getBytes()));
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

}
