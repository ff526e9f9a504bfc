package dev.edgeauth.e2e;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.edgeauth.common.testing.WholeResponseConnector;
import dev.edgeauth.token.ForgingSigner;
import dev.edgeauth.token.TokenSigningKey;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auth-service and the gateway verify access tokens alike: a token the auth-service
 * minted, altered in exactly one header parameter or claim and signed again with the
 * auth-service's real signing key (read from its database and opened with the stack's
 * KEK), gets the same answer from {@code GET /auth/me} on the auth-service and from a
 * token-required route of the gateway. Re-signing makes each rule, not the signature,
 * decide; the cases cover every rule of the profile (the token module's
 * {@code AccessTokenVerifier} lists them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenProfileAgreementTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TypeReference<LinkedHashMap<String, Object>> MEMBERS = new TypeReference<>() {
    };

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private static final int OK = 200;

    private static final int REFUSED = 401;

    private final Stack stack = Stack.get();

    private Map<String, Object> header;

    private Map<String, Object> claims;

    private ForgingSigner signingKey;

    @BeforeAll
    void mintAToken() throws Exception {
        Accounts ada = Accounts.signUp(this.stack.client());
        String[] parts = ada.accessToken().split("\\.");
        this.header = JSON.readValue(Base64.getUrlDecoder().decode(parts[0]), MEMBERS);
        this.claims = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), MEMBERS);
        this.signingKey = storedSigningKey((String) this.header.get("kid"));
    }

    static Stream<Arguments> alterations() {
        long now = Instant.now().getEpochSecond();
        return Stream.of(
                // Accepted: the profile allows these.
                header("as minted, encoded again", (h) -> {
                }, OK), header("typ application/at+jwt", (h) -> h.put("typ", "application/at+jwt"), OK),
                header("typ in upper case", (h) -> h.put("typ", "AT+JWT"), OK),
                claims("exp passed within the clock skew", (c) -> c.put("exp", now - 20), OK),
                claims("nbf ahead within the clock skew", (c) -> c.put("nbf", now + 20), OK),
                claims("aud an array naming edgeauth", (c) -> c.put("aud", List.of("other", "edgeauth")), OK),
                claims("other roles", (c) -> c.put("roles", List.of("user", "auditor")), OK),
                claims("no roles at all, an empty array", (c) -> c.put("roles", List.of()), OK),
                claims("an extra claim", (c) -> c.put("scope", "tasks"), OK),
                // Header rules.
                header("alg HS256", (h) -> h.put("alg", "HS256"), REFUSED),
                header("alg none", (h) -> h.put("alg", "none"), REFUSED),
                header("alg Ed25519 spelled otherwise", (h) -> h.put("alg", "ED25519"), REFUSED),
                header("typ JWT", (h) -> h.put("typ", "JWT"), REFUSED),
                header("no typ", (h) -> h.remove("typ"), REFUSED),
                header("crit", (h) -> h.put("crit", List.of("exp")), REFUSED),
                header("jwk", (h) -> h.put("jwk", Map.of("kty", "OKP", "crv", "Ed25519", "x", "AAAA")), REFUSED),
                header("jku", (h) -> h.put("jku", "https://attacker.example/jwks"), REFUSED),
                header("x5u", (h) -> h.put("x5u", "https://attacker.example/cert"), REFUSED),
                header("x5c", (h) -> h.put("x5c", List.of("AAAA")), REFUSED),
                header("cty", (h) -> h.put("cty", "JWT"), REFUSED), header("no kid", (h) -> h.remove("kid"), REFUSED),
                header("kid outside the key-id alphabet", (h) -> h.put("kid", "../key"), REFUSED),
                header("kid of no published key", (h) -> h.put("kid", "no-such-key-0123456789"), REFUSED),
                // Claim rules.
                claims("iss another issuer", (c) -> c.put("iss", "https://other.example"), REFUSED),
                claims("no iss", (c) -> c.remove("iss"), REFUSED),
                claims("aud another audience", (c) -> c.put("aud", "other"), REFUSED),
                claims("no aud", (c) -> c.remove("aud"), REFUSED), claims("no exp", (c) -> c.remove("exp"), REFUSED),
                claims("exp passed beyond the clock skew", (c) -> c.put("exp", now - 180), REFUSED),
                claims("exp not a number", (c) -> c.put("exp", "tomorrow"), REFUSED),
                claims("nbf ahead beyond the clock skew", (c) -> c.put("nbf", now + 180), REFUSED),
                claims("no iat", (c) -> c.remove("iat"), REFUSED),
                claims("iat ahead beyond the clock skew", (c) -> c.put("iat", now + 180), REFUSED),
                claims("no jti", (c) -> c.remove("jti"), REFUSED),
                claims("jti with a space", (c) -> c.put("jti", "a b"), REFUSED),
                claims("jti of 129 characters", (c) -> c.put("jti", "j".repeat(129)), REFUSED),
                claims("no sub", (c) -> c.remove("sub"), REFUSED),
                claims("sub not a UUID", (c) -> c.put("sub", "ada"), REFUSED),
                claims("no sid", (c) -> c.remove("sid"), REFUSED),
                claims("sid not a UUID", (c) -> c.put("sid", "session-1"), REFUSED),
                claims("no roles claim", (c) -> c.remove("roles"), REFUSED),
                claims("roles a string", (c) -> c.put("roles", "user"), REFUSED),
                claims("a role with a comma", (c) -> c.put("roles", List.of("user,admin")), REFUSED),
                claims("a role not a string", (c) -> c.put("roles", List.of(7)), REFUSED),
                claims("65 roles", (c) -> c.put("roles", IntStream.range(0, 65).mapToObj((i) -> "r" + i).toList()),
                        REFUSED),
                claims("longer than edgeauth.token.max-length", (c) -> c.put("pad", "p".repeat(4096)), REFUSED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alterations")
    void tokenWhenOneMemberAlteredAndResignedThenAuthServiceAndGatewayAnswerAlike(String name,
            Consumer<Map<String, Object>> alterHeader, Consumer<Map<String, Object>> alterClaims, int expected) {
        Map<String, Object> header = new LinkedHashMap<>(this.header);
        Map<String, Object> claims = new LinkedHashMap<>(this.claims);
        alterHeader.accept(header);
        alterClaims.accept(claims);

        assertAnsweredAlike(sign(header, claims, this.signingKey), expected);
    }

    static Stream<Arguments> signatures() {
        return Stream.of(Arguments.of("one bit of the signature flipped", (Signature) (input, real) -> {
            byte[] altered = real.clone();
            altered[0] ^= 1;
            return altered;
        }), Arguments.of("a short signature", (Signature) (input, real) -> Arrays.copyOf(real, 32)),
                Arguments.of("no signature", (Signature) (input, real) -> new byte[0]),
                Arguments.of("signed by another Ed25519 key under the real kid",
                        (Signature) (input,
                                real) -> new ForgingSigner(TokenSigningKey
                                    .ed25519(new Ed25519PrivateKeyParameters(new SecureRandom()).getEncoded()))
                                    .signature(input)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signatures")
    void tokenWhenSignatureNotTheRealKeysThenBothRefuse(String name, Signature signature) {
        String input = encode(this.header) + "." + encode(this.claims);
        byte[] real = this.signingKey.signature(input.getBytes(StandardCharsets.US_ASCII));
        String token = input + "."
                + BASE64URL.encodeToString(signature.of(input.getBytes(StandardCharsets.US_ASCII), real));

        assertAnsweredAlike(token, REFUSED);
    }

    private void assertAnsweredAlike(String token, int expected) {
        int authService = status(WholeResponseConnector.bindToServer(this.stack.authService().url()).build(),
                "/auth/me", token);
        int gateway = status(this.stack.client(), "/api/tasks", token);
        assertThat(List.of(authService, gateway)).as("auth-service /auth/me, gateway /api/tasks")
            .containsExactly(expected, expected);
    }

    private static int status(WebTestClient client, String path, String token) {
        return client.get()
            .uri(path)
            .headers((headers) -> headers.setBearerAuth(token))
            .exchange()
            .returnResult(Void.class)
            .getStatus()
            .value();
    }

    private static String sign(Map<String, Object> header, Map<String, Object> claims, ForgingSigner key) {
        String input = encode(header) + "." + encode(claims);
        return input + "." + BASE64URL.encodeToString(key.signature(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String encode(Map<String, Object> members) {
        return BASE64URL.encodeToString(JSON.writeValueAsBytes(members));
    }

    // The private key as the auth-service stores it (specs/signing-keys.md): AES-256-GCM
    // under the KEK, version(1) || IV(12) || ciphertext || tag(16), the kid bound as
    // associated data.
    private ForgingSigner storedSigningKey(String kid) throws SQLException, GeneralSecurityException {
        byte[] sealed;
        byte[] publicKey;
        try (Connection connection = DriverManager.getConnection(this.stack.authDatabaseUrl(), "postgres", "postgres");
                PreparedStatement select = connection
                    .prepareStatement("SELECT private_key, public_key FROM auth.signing_keys WHERE kid = ?")) {
            select.setString(1, kid);
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).as("a stored signing key with kid " + kid).isTrue();
                sealed = row.getBytes(1);
                publicKey = row.getBytes(2);
            }
        }
        assertThat(sealed[0]).as("ciphertext format version").isEqualTo((byte) 1);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(Stack.KEK), "AES"),
                new GCMParameterSpec(128, sealed, 1, 12));
        cipher.updateAAD(("edgeauth:signing-key:" + kid).getBytes(StandardCharsets.US_ASCII));
        TokenSigningKey key = TokenSigningKey.ed25519(cipher.doFinal(sealed, 13, sealed.length - 13));
        assertThat(key.publicKey()).as("the opened key pairs with the published one").isEqualTo(publicKey);
        return new ForgingSigner(key);
    }

    private static Arguments header(String name, Consumer<Map<String, Object>> alteration, int expected) {
        return Arguments.of(name, alteration, (Consumer<Map<String, Object>>) (c) -> {
        }, expected);
    }

    private static Arguments claims(String name, Consumer<Map<String, Object>> alteration, int expected) {
        return Arguments.of(name, (Consumer<Map<String, Object>>) (h) -> {
        }, alteration, expected);
    }

    @FunctionalInterface
    interface Signature {

        byte[] of(byte[] signingInput, byte[] realSignature);

    }

}
