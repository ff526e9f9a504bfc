package dev.edgeauth.auth.account;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jwt.SignedJWT;
import dev.edgeauth.auth.AuthServiceIntegrationTest;
import dev.edgeauth.common.testing.Concurrently;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@AuthServiceIntegrationTest
class SignupTests {

    private final WebTestClient client;

    private final AccountClient accounts;

    private final AuditRows audit;

    @Autowired
    SignupTests(WebTestClient client, DatabaseClient database) {
        this.client = client;
        this.accounts = new AccountClient(client);
        this.audit = new AuditRows(database);
    }

    @Test
    void signupWhenValidThenCreatedWithTokenResponseAndNoStore() {
        String email = AccountClient.newEmail();
        this.accounts.signup(AccountClient.credentials(email, AccountClient.PASSWORD))
            .expectStatus()
            .isCreated()
            .expectHeader()
            .cacheControl(org.springframework.http.CacheControl.noStore())
            .expectBody()
            .jsonPath("$.token_type")
            .isEqualTo("Bearer")
            .jsonPath("$.expires_in")
            .isEqualTo(900)
            .jsonPath("$.refresh_expires_in")
            .isEqualTo(7 * 24 * 3600)
            .jsonPath("$.refresh_token")
            .value((String token) -> assertThat(token).matches("[A-Za-z0-9_-]{43}"))
            .jsonPath("$.user.email")
            .isEqualTo(email)
            .jsonPath("$.user.id")
            .isNotEmpty();
    }

    @Test
    void signupWhenDoneThenAccessTokenVerifiesAgainstPublishedJwksWithEveryContractClaim() throws Exception {
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        SignedJWT jwt = SignedJWT.parse((String) tokens.get("access_token"));
        String jwks = this.client.get()
            .uri("/.well-known/jwks.json")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
        OctetKeyPair key = (OctetKeyPair) JWKSet.parse(jwks).getKeyByKeyId(jwt.getHeader().getKeyID());

        assertThat(key).as("the token's kid is published").isNotNull();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("EdDSA");
        assertThat(verifiesWith(jwt, key)).as("signature verifies with the published key").isTrue();
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("http://localhost:8080");
        assertThat(claims.getSubject()).isEqualTo(((Map<?, ?>) tokens.get("user")).get("id"));
        assertThat(claims.getAudience()).containsExactly("edgeauth");
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getStringClaim("sid")).matches("[0-9a-f-]{36}");
        assertThat(claims.getStringListClaim("roles")).containsExactly("user");
        assertThat(claims.getExpirationTime().toInstant())
            .isEqualTo(claims.getIssueTime().toInstant().plusSeconds(900));
        assertThat(claims.getIssueTime().toInstant()).isBefore(Instant.now().plusSeconds(5));
    }

    // RFC 8037: Ed25519 over the JWS signing input, checked with the published key's "x"
    // only.
    private static boolean verifiesWith(SignedJWT jwt, OctetKeyPair key) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(key.getDecodedX(), 0));
        byte[] input = jwt.getSigningInput();
        verifier.update(input, 0, input.length);
        return verifier.verifySignature(jwt.getSignature().decode());
    }

    @Test
    void signupWhenEmailTakenInAnyCaseThenConflict() {
        String email = AccountClient.newEmail();
        this.accounts.signedUp(email);
        this.accounts.signup(AccountClient.credentials(email.toUpperCase(), AccountClient.PASSWORD))
            .expectStatus()
            .isEqualTo(409)
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("email_taken");
    }

    @Test
    void signupWhenTenConcurrentWithOneEmailThenExactlyOneCreated() {
        String body = AccountClient.credentials(AccountClient.newEmail(), AccountClient.PASSWORD);
        List<Integer> statuses = Concurrently.run(10,
                (i) -> this.accounts.signup(body).returnResult(String.class).getStatus().value());
        assertThat(statuses).filteredOn((status) -> status == 201).hasSize(1);
        assertThat(statuses).filteredOn((status) -> status == 409).hasSize(9);
    }

    @ParameterizedTest
    @ValueSource(
            strings = { "short1!", "password", "password123", "qwertyuiop", "123456789012", "user.signup@example.com" })
    void signupWhenPasswordWeakThenWeakPasswordNamingTheRule(String password) {
        this.accounts.signup(AccountClient.credentials("user.signup@example.com", password))
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("weak_password")
            .jsonPath("$.detail")
            .value((String detail) -> assertThat(detail).containsAnyOf("at least 8", "too common"));
    }

    @Test
    void signupWhenPasswordOver128CharactersThenWeakPassword() {
        this.accounts.signup(AccountClient.credentials(AccountClient.newEmail(), "x9 ".repeat(43)))
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.detail")
            .value((String detail) -> assertThat(detail).contains("at most 128"));
    }

    @Test
    void signupWhenPasswordExactly128CharactersThenAcceptedAsTyped() {
        String password = "tangerine-sofa-orbit-".repeat(6) + "zq";
        assertThat(password).hasSize(128);
        String email = AccountClient.newEmail();
        this.accounts.signup(AccountClient.credentials(email, password)).expectStatus().isCreated();
        this.accounts.login(AccountClient.credentials(email, password), "192.0.2.10").expectStatus().isOk();
        // Checked exactly as typed: a truncated or padded variant is a different
        // password.
        this.accounts.login(AccountClient.credentials(email, password.substring(0, 127)), "192.0.2.10")
            .expectStatus()
            .isUnauthorized();
    }

    @ParameterizedTest
    @ValueSource(strings = { "plainaddress", "@example.com", "a@", "a@b", "a b@example.com", "a@exa mple.com",
            "a@@example.com", "a@example..com", "a@-example.com" })
    void signupWhenEmailMalformedThenInvalidEmail(String email) {
        this.accounts.signup(AccountClient.credentials(email, AccountClient.PASSWORD))
            .expectStatus()
            .isBadRequest()
            .expectBody()
            .jsonPath("$.code")
            .isEqualTo("invalid_email");
    }

    @Test
    void signupWhenSucceededThenExactlyOneSignupRow() {
        Map<String, Object> tokens = this.accounts.signedUp(AccountClient.newEmail());
        UUID userId = UUID.fromString((String) ((Map<?, ?>) tokens.get("user")).get("id"));
        this.audit.ofUser(userId)
            .as(StepVerifier::create)
            .assertNext((rows) -> assertThat(rows).containsExactly("signup/success"))
            .verifyComplete();
    }

    @Test
    void signupWhenRefusedThenOneFailureRowWithTheReason() {
        String ip = "198.51.100.77";
        String email = AccountClient.newEmail();
        this.client.post()
            .uri("/auth/signup")
            .header("X-Forwarded-For", ip)
            .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
            .bodyValue(AccountClient.credentials(email, "password"))
            .exchange()
            .expectStatus()
            .isBadRequest();
        this.audit.ofAddress(ip)
            .as(StepVerifier::create)
            .assertNext((rows) -> assertThat(rows).containsExactly("signup/failure/weak_password"))
            .verifyComplete();
    }

}
