package dev.edgeauth.common.management;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The shared-secret check behind the operator and feed tokens.
 */
class BearerCredentialTests {

    private static final String CURRENT = "cUrReNt-SeCrEt-0123456789abcdefghijklmnop";

    private static final String PREVIOUS = "pReViOuS-SeCrEt-0123456789abcdefghijklmnop";

    @Test
    void matchesWhenCurrentSecretThenTrue() {
        assertThat(credential(CURRENT, null).matches(bearer(CURRENT))).isTrue();
    }

    @Test
    void matchesWhenSchemeInOtherCaseThenTrue() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, "bEaReR " + CURRENT);
        assertThat(credential(CURRENT, null).matches(headers)).isTrue();
    }

    @Test
    void matchesWhenPreviousSecretConfiguredThenBothAccepted() {
        BearerCredential credential = credential(CURRENT, PREVIOUS);
        assertThat(credential.matches(bearer(CURRENT))).isTrue();
        assertThat(credential.matches(bearer(PREVIOUS))).isTrue();
    }

    @Test
    void matchesWhenPreviousSecretNoLongerConfiguredThenRefused() {
        assertThat(credential(CURRENT, null).matches(bearer(PREVIOUS))).isFalse();
    }

    @Test
    void matchesWhenWrongOrPartialSecretThenFalse() {
        BearerCredential credential = credential(CURRENT, null);
        assertThat(credential.matches(bearer(CURRENT + "x"))).isFalse();
        assertThat(credential.matches(bearer(CURRENT.substring(0, 40)))).isFalse();
        assertThat(credential.matches(bearer(""))).isFalse();
    }

    @Test
    void matchesWhenNoHeaderOtherSchemeOrTwoHeadersThenFalse() {
        BearerCredential credential = credential(CURRENT, null);
        assertThat(credential.matches(new HttpHeaders())).isFalse();
        HttpHeaders basic = new HttpHeaders();
        basic.set(HttpHeaders.AUTHORIZATION, "Basic " + CURRENT);
        assertThat(credential.matches(basic)).isFalse();
        HttpHeaders two = bearer(CURRENT);
        two.add(HttpHeaders.AUTHORIZATION, "Bearer " + CURRENT);
        assertThat(credential.matches(two)).isFalse();
    }

    @Test
    void ofWhenUnsetOrBlankThenNoCredential() {
        assertThat(BearerCredential.of("EDGEAUTH_OPERATOR_TOKEN", null, null)).isNull();
        assertThat(BearerCredential.of("EDGEAUTH_OPERATOR_TOKEN", " ", "")).isNull();
    }

    @Test
    void ofWhenShorterThan32CharactersThenRefusedNamingTheVariableNotTheValue() {
        String shortSecret = "only-31-characters-long-secret!".replace("!", "x");
        assertThat(shortSecret).hasSize(31);
        assertThatExceptionOfType(ManagementPlaneException.class)
            .isThrownBy(() -> BearerCredential.of("EDGEAUTH_OPERATOR_TOKEN", shortSecret, null))
            .withMessageContaining("EDGEAUTH_OPERATOR_TOKEN")
            .withMessageNotContaining(shortSecret);
        assertThat(BearerCredential.of("EDGEAUTH_OPERATOR_TOKEN", shortSecret + "y", null)).isNotNull();
    }

    @Test
    void ofWhenNotTokenSyntaxThenRefused() {
        assertThatExceptionOfType(ManagementPlaneException.class)
            .isThrownBy(() -> BearerCredential.of("EDGEAUTH_FEED_TOKEN", "has spaces in it, and is long enough", null))
            .withMessageContaining("EDGEAUTH_FEED_TOKEN");
    }

    @Test
    void ofWhenPreviousWithoutCurrentThenRefused() {
        assertThatExceptionOfType(ManagementPlaneException.class)
            .isThrownBy(() -> BearerCredential.of("EDGEAUTH_OPERATOR_TOKEN", null, PREVIOUS))
            .withMessageContaining("EDGEAUTH_OPERATOR_TOKEN_PREVIOUS");
    }

    @Test
    void ofWhenPreviousMalformedThenRefusedNamingIt() {
        assertThatExceptionOfType(ManagementPlaneException.class)
            .isThrownBy(() -> BearerCredential.of("EDGEAUTH_OPERATOR_TOKEN", CURRENT, "short"))
            .withMessageContaining("EDGEAUTH_OPERATOR_TOKEN_PREVIOUS");
    }

    private static BearerCredential credential(String secret, String previous) {
        BearerCredential credential = BearerCredential.of("EDGEAUTH_OPERATOR_TOKEN", secret, previous);
        assertThat(credential).isNotNull();
        return credential;
    }

    static HttpHeaders bearer(String secret) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, BearerCredential.authorization(secret));
        return headers;
    }

}
