package dev.edgeauth.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.edgeauth.auth.Await;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.auth.MutableClock;
import dev.edgeauth.auth.signingkey.JwksTestClient;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Minted access tokens, checked from the outside: against the JWKS fetched over HTTP,
 * with the JDK's own Ed25519 (not the code that signed them).
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_tokens")
class AccessTokenMinterTests {

    // DER SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410 §4), before the 32 raw
    // bytes.
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    @Autowired
    private WebTestClient client;

    @Autowired
    private AccessTokenMinter minter;

    @Autowired
    private MutableClock clock;

    @Test
    void mintWhenCalledThenTokenVerifiesAgainstPublishedJwksWithEveryContractClaim() throws Exception {
        UUID userId = UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();

        MintedAccessToken token = this.minter.mint(userId, sessionId, List.of("user", "admin"));

        String[] parts = token.value().split("\\.");
        assertThat(parts).hasSize(3);
        Map<String, Object> header = json(parts[0]);
        Map<String, Object> claims = json(parts[1]);
        assertThat(header).containsOnlyKeys("alg", "typ", "kid")
            .containsEntry("alg", "EdDSA")
            .containsEntry("typ", "at+jwt")
            .containsEntry("kid", token.kid());
        Map<String, Object> jwk = new JwksTestClient(this.client).keys()
            .stream()
            .filter((key) -> token.kid().equals(key.get("kid")))
            .findFirst()
            .orElseThrow();
        assertThat(verifiesWithJdk(jwk, parts)).isTrue();
        long now = this.clock.instant().getEpochSecond();
        assertThat(claims).containsOnlyKeys("iss", "sub", "aud", "exp", "iat", "jti", "sid", "roles")
            .containsEntry("iss", "http://localhost:8080")
            .containsEntry("sub", userId.toString())
            .containsEntry("aud", "edgeauth")
            .containsEntry("sid", sessionId.toString())
            .containsEntry("roles", List.of("user", "admin"))
            .containsEntry("iat", now)
            .containsEntry("exp", now + 900)
            .containsEntry("jti", token.jti());
        assertThat(token.expiresIn()).isEqualTo(900);
        assertThat(token.jti()).matches("[A-Za-z0-9_-]{22}");
    }

    @Test
    void mintWhenCalledTwiceThenDifferentJti() {
        UUID userId = UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();

        assertThat(this.minter.mint(userId, sessionId, List.of("user")).jti())
            .isNotEqualTo(this.minter.mint(userId, sessionId, List.of("user")).jti());
    }

    @Test
    void mintWhenOnNonBlockingThreadThenDoesNotBlock() {
        // Schedulers.parallel() threads are non-blocking for BlockHound, like event
        // loops: a /dev/urandom read (UUID.randomUUID, an unseeded SecureRandom) in the
        // minter would fail here. The ids are made outside, on the test's thread.
        UUID userId = UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();
        MintedAccessToken token = Await
            .value(Mono.fromCallable(() -> this.minter.mint(userId, sessionId, List.of("user")))
                .subscribeOn(Schedulers.parallel())
                .timeout(Duration.ofSeconds(10)));

        assertThat(token.value()).isNotEmpty();
    }

    private static boolean verifiesWithJdk(Map<String, Object> jwk, String[] parts) throws Exception {
        byte[] x = BASE64URL.decode((String) jwk.get("x"));
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + x.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, x.length);
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(publicKey);
        signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return signature.verify(BASE64URL.decode(parts[2]));
    }

    private static Map<String, Object> json(String part) throws Exception {
        return JSONObjectUtils.parse(new String(BASE64URL.decode(part), StandardCharsets.UTF_8));
    }

}
