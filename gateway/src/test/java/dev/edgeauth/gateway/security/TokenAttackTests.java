package dev.edgeauth.gateway.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.edgeauth.common.testing.CapturedLogEvents;
import dev.edgeauth.gateway.testing.GatewayTestSupport;
import dev.edgeauth.gateway.testing.JwksServer;
import dev.edgeauth.gateway.testing.TestKey;
import dev.edgeauth.gateway.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The known JWT attacks: each is 401 {@code invalid_token} with
 * {@code WWW-Authenticate: Bearer error="invalid_token"}, and none reaches the backend.
 */
class TokenAttackTests extends GatewayTestSupport {

    private static final TestKey ATTACKER = TestKey.generate("attacker-key");

    /** Where a jku or x5u would send the gateway; it must never be asked. */
    private static final JwksServer ATTACKER_JWKS = JwksServer.start(ATTACKER);

    @AfterAll
    static void stopAttacker() {
        ATTACKER_JWKS.stop();
    }

    static Stream<Arguments> attacks() {
        return Stream.of(attack("alg none", () -> valid().header("alg", "none").withSignature(new byte[0])),
                attack("alg None", () -> valid().header("alg", "None").withSignature(new byte[0])),
                attack("alg NONE", () -> valid().header("alg", "NONE").withSignature(new byte[0])),
                attack("alg nOnE", () -> valid().header("alg", "nOnE").withSignature(new byte[0])),
                attack("alg none with a real signature", () -> valid().header("alg", "none").sign()),
                attack("empty signature", () -> valid().withSignature(new byte[0])),
                attack("truncated signature", () -> {
                    String token = valid().sign();
                    return token.substring(0, token.length() - 10);
                }), attack("signature of 64 zero bytes", () -> valid().withSignature(new byte[64])),
                attack("HS256 keyed with the public key", () -> hmac(valid().header("alg", "HS256"), KEY.publicKey())),
                attack("HS256 keyed with the public JWK's x",
                        () -> hmac(valid().header("alg", "HS256"), KEY.publicJwk().get("x").toString().getBytes())),
                attack("embedded jwk", () -> TestTokens.valid(ATTACKER).header("jwk", ATTACKER.publicJwk()).sign()),
                attack("embedded jwk with a known kid",
                        () -> valid().header("jwk", ATTACKER.publicJwk()).withSignature(signedBy(ATTACKER, valid()))),
                attack("kid path traversal", () -> valid().header("kid", "../../../../dev/null").sign()),
                attack("kid absolute path", () -> valid().header("kid", "/etc/passwd").sign()),
                attack("kid SQL injection", () -> valid().header("kid", "x' UNION SELECT 'secret' --").sign()),
                attack("kid command injection", () -> valid().header("kid", "test-key-1|curl evil").sign()),
                attack("kid NUL byte", () -> valid().header("kid", "test-key-1\u0000").sign()),
                attack("kid not a string", () -> valid().header("kid", 42).sign()),
                attack("missing kid", () -> valid().withoutHeader("kid").sign()),
                attack("valid kid, another key's signature", () -> valid().withSignature(signedBy(ATTACKER, valid()))),
                attack("ES256 zero signature (CVE-2022-21449)",
                        () -> valid().header("alg", "ES256").withSignature(new byte[64])),
                attack("RS256 header", () -> valid().header("alg", "RS256").sign()),
                attack("expired", () -> valid().claim("exp", Instant.now().minusSeconds(3600).getEpochSecond()).sign()),
                attack("expired beyond the skew",
                        () -> valid().claim("exp", Instant.now().minusSeconds(61).getEpochSecond()).sign()),
                attack("not yet valid",
                        () -> valid().claim("nbf", Instant.now().plusSeconds(3600).getEpochSecond()).sign()),
                attack("issued in the future",
                        () -> valid().claim("iat", Instant.now().plusSeconds(3600).getEpochSecond()).sign()),
                attack("missing exp", () -> valid().withoutClaim("exp").sign()),
                attack("exp not a number", () -> valid().claim("exp", "tomorrow").sign()),
                attack("wrong iss", () -> valid().claim("iss", "https://evil.example").sign()),
                attack("missing iss", () -> valid().withoutClaim("iss").sign()),
                attack("wrong aud", () -> valid().claim("aud", "other-api").sign()),
                attack("wrong aud list", () -> valid().claim("aud", List.of("other-api", "another")).sign()),
                attack("missing aud", () -> valid().withoutClaim("aud").sign()),
                attack("typ JWT", () -> valid().header("typ", "JWT").sign()),
                attack("missing typ", () -> valid().withoutHeader("typ").sign()),
                attack("crit header", () -> valid().header("crit", List.of("exp")).sign()),
                attack("refresh token used as bearer token",
                        () -> Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]).replace('A', 'q')),
                attack("tampered payload", () -> {
                    String[] parts = valid().sign().split("\\.");
                    String forged = TestTokens.encode(java.util.Map.of("iss", TestTokens.ISSUER, "aud",
                            TestTokens.AUDIENCE, "sub", java.util.UUID.randomUUID().toString(), "sid", "s1", "exp",
                            Instant.now().plusSeconds(900).getEpochSecond(), "roles", List.of("user", "admin")));
                    return parts[0] + "." + forged + "." + parts[2];
                }), attack("oversized token", () -> valid().claim("pad", "x".repeat(5000)).sign()),
                attack("sub not a UUID", () -> valid().claim("sub", "admin").sign()),
                attack("missing sid", () -> valid().withoutClaim("sid").sign()),
                attack("sid with a header break", () -> valid().claim("sid", "s1\r\nX-User-Id: x").sign()),
                attack("roles not an array", () -> valid().claim("roles", "admin").sign()),
                attack("role with a comma", () -> valid().claim("roles", List.of("user,admin")).sign()),
                attack("missing roles", () -> valid().withoutClaim("roles").sign()),
                attack("JWE-shaped token", () -> valid().sign() + ".AAAA.BBBB"),
                attack("padding in the token", () -> valid().sign() + "=="));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void requestWhenTokenIsForgedThenUnauthorizedAndBackendNotReached(String attack, Supplier<String> token) {
        this.client.get()
            .uri("/api/tasks")
            .header(HttpHeaders.AUTHORIZATION, bearer(token.get()))
            .exchange()
            .expectStatus()
            .isUnauthorized()
            .expectHeader()
            .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
            .expectHeader()
            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("invalid_token")
            .jsonPath("$.status")
            .isEqualTo(401);
        assertThat(BACKEND.requests()).isEmpty();
    }

    @Test
    void requestWhenTokenNamesJkuOrX5uThenUnauthorizedAndNothingFetchedFromThere() {
        int before = ATTACKER_JWKS.requests();
        String viaJku = TestTokens.valid(ATTACKER).header("jku", ATTACKER_JWKS.url()).sign();
        String viaX5u = TestTokens.valid(ATTACKER).header("x5u", ATTACKER_JWKS.baseUrl() + "/cert.pem").sign();
        String knownKidViaJku = valid().header("jku", ATTACKER_JWKS.url()).withSignature(signedBy(ATTACKER, valid()));
        for (String token : List.of(viaJku, viaX5u, knownKidViaJku)) {
            this.client.get()
                .uri("/api/tasks")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        }
        assertThat(ATTACKER_JWKS.requests()).isEqualTo(before);
        assertThat(BACKEND.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyReferences")
    void requestWhenRealKeySignsAKeyReferenceHeaderThenRefusedForTheHeaderAndNothingFetched(String header, Object value)
            throws IOException {
        try (ConnectionCounter attacker = ConnectionCounter.start();
                CapturedLogEvents log = CapturedLogEvents.of(AuthenticationFilter.class)) {
            // Signed by the real key: only the header is wrong.
            String token = valid().header(header, (value instanceof String url) ? attacker.url() + url : value).sign();

            this.client.get()
                .uri("/api/tasks")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_token");

            assertThat(log.messages()).anyMatch((line) -> line.startsWith("reason_id=embedded_key_reference"));
            assertThat(attacker.connections()).isZero();
            assertThat(BACKEND.requests()).isEmpty();
        }
    }

    static Stream<Arguments> keyReferences() {
        return Stream.of(Arguments.of("jku", "/.well-known/jwks.json"), Arguments.of("x5u", "/cert.pem"),
                Arguments.of("jwk", KEY.publicJwk()), Arguments.of("x5c", List.of("MIIBszCCAVmgAwIBAgIUXA==")));
    }

    @Test
    void requestWhenTokenIsValidThenBackendReached() {
        // The control: the same fixtures with nothing bent pass, so the refusals above
        // are
        // the attacks' doing.
        this.client.get()
            .uri("/api/tasks")
            .header(HttpHeaders.AUTHORIZATION, bearer(valid().sign()))
            .exchange()
            .expectStatus()
            .isOk();
        assertThat(BACKEND.requests()).hasSize(1);
    }

    private static TestTokens valid() {
        return TestTokens.valid(KEY);
    }

    private static byte[] signedBy(TestKey key, TestTokens token) {
        return key.sign(token.signingInput().getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmac(TestTokens token, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return token.withSignature(mac.doFinal(token.signingInput().getBytes(StandardCharsets.US_ASCII)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Arguments attack(String name, Supplier<String> token) {
        return Arguments.of(name, token);
    }

    /** A port that counts every connection made to it and answers none. */
    private static final class ConnectionCounter implements AutoCloseable {

        private final ServerSocket socket;

        private final AtomicInteger connections = new AtomicInteger();

        private ConnectionCounter(ServerSocket socket) {
            this.socket = socket;
            Thread acceptor = new Thread(this::accept, "attacker-connection-counter");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static ConnectionCounter start() throws IOException {
            return new ConnectionCounter(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        }

        String url() {
            return "http://127.0.0.1:" + this.socket.getLocalPort();
        }

        int connections() {
            return this.connections.get();
        }

        private void accept() {
            while (!this.socket.isClosed()) {
                try (Socket ignored = this.socket.accept()) {
                    this.connections.incrementAndGet();
                }
                catch (IOException ex) {
                    // Closed: the test is over.
                }
            }
        }

        @Override
        public void close() throws IOException {
            this.socket.close();
        }

    }

}
