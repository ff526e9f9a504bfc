package dev.edgeauth.auth.signingkey;

import java.util.List;
import java.util.Map;

import dev.edgeauth.auth.Await;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /.well-known/jwks.json} and {@code GET /.well-known/openid-configuration}.
 */
@AuthServiceIntegrationTest
@TestPropertySource(properties = "edgeauth.database.schema=auth_jwks")
class JwksControllerTests {

    /**
     * Every private or symmetric JWK member (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037
     * §2).
     */
    private static final List<String> PRIVATE_MEMBERS = List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    @Autowired
    private WebTestClient client;

    @Autowired
    private SigningKeyService keys;

    @Test
    void jwksWhenRequestedThenEachKeyHasKidKtyAlgAndUseSig() {
        List<Map<String, Object>> published = new JwksTestClient(this.client).keys();

        assertThat(published).isNotEmpty();
        assertThat(published).allSatisfy((key) -> {
            assertThat(key).containsEntry("kty", "OKP")
                .containsEntry("crv", "Ed25519")
                .containsEntry("alg", "EdDSA")
                .containsEntry("use", "sig")
                .containsKeys("kid", "x");
            assertThat((String) key.get("x")).matches("[A-Za-z0-9_-]{43}");
        });
    }

    @Test
    void jwksWhenSeveralKeysPublishedThenNoPrivateParameters() {
        // Past any pending key (an operator's rotate() would answer with that one).
        Await.value(this.keys.rotateFrom(this.keys.ring().newest(), RotationTrigger.OPERATOR));

        List<Map<String, Object>> published = new JwksTestClient(this.client).keys();

        assertThat(published).hasSizeGreaterThanOrEqualTo(2);
        assertThat(published)
            .allSatisfy((key) -> assertThat(key).doesNotContainKeys(PRIVATE_MEMBERS.toArray(String[]::new)));
        assertThat(published)
            .allSatisfy((key) -> assertThat(key.keySet()).containsOnly("kty", "crv", "x", "kid", "alg", "use"));
    }

    @Test
    void jwksWhenRequestedThenPublicCacheControlWithConfiguredMaxAgeAndEtag() {
        this.client.get()
            .uri("/.well-known/jwks.json")
            .exchange()
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectHeader()
            .valueEquals(HttpHeaders.CACHE_CONTROL, "max-age=60, public")
            .expectHeader()
            .value(HttpHeaders.ETAG, (etag) -> assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\""));
    }

    @Test
    void jwksWhenIfNoneMatchIsCurrentEtagThenNotModified() {
        String etag = currentEtag();

        this.client.get()
            .uri("/.well-known/jwks.json")
            .header(HttpHeaders.IF_NONE_MATCH, etag)
            .exchange()
            .expectStatus()
            .isNotModified()
            .expectHeader()
            .valueEquals(HttpHeaders.ETAG, etag)
            .expectBody()
            .isEmpty();
    }

    @Test
    void jwksWhenKeySetChangesThenEtagChanges() {
        String before = currentEtag();

        // Past any pending key (an operator's rotate() would answer with that one).
        Await.value(this.keys.rotateFrom(this.keys.ring().newest(), RotationTrigger.OPERATOR));

        assertThat(currentEtag()).isNotEqualTo(before);
    }

    @Test
    void openIdConfigurationWhenRequestedThenIssuerAndJwksUri() {
        this.client.get()
            .uri("/.well-known/openid-configuration")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody()
            .jsonPath("$.issuer")
            .isEqualTo("http://localhost:8080")
            .jsonPath("$.jwks_uri")
            .isEqualTo("http://localhost:8080/.well-known/jwks.json");
    }

    private String currentEtag() {
        return this.client.get()
            .uri("/.well-known/jwks.json")
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseHeaders()
            .getETag();
    }

}
