package dev.edgeauth.gateway.security;

import java.time.Duration;

import dev.edgeauth.gateway.testing.GatewayTestSupport;
import dev.edgeauth.gateway.testing.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The verified-token cache never outlives a revocation: the revoked-session check runs on
 * every request, cached or not.
 */
class VerifiedTokenRevocationTests extends GatewayTestSupport {

    @Autowired
    private AccessTokenVerifier verifier;

    @Test
    void requestWhenCachedTokenSessionRevokedThenRefusedWithinTwoSeconds() {
        assertThat(this.verifier).isInstanceOf(CachingAccessTokenVerifier.class);
        TestTokens token = TestTokens.valid(KEY);
        String jwt = token.sign();
        long cachedBefore = ((CachingAccessTokenVerifier) this.verifier).size();
        assertThat(apiStatus(jwt)).isEqualTo(200);
        assertThat(apiStatus(jwt)).isEqualTo(200);
        assertThat(((CachingAccessTokenVerifier) this.verifier).size()).isEqualTo(cachedBefore + 1);

        FEED.revoke(token.claimValue("sid").toString());

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() -> apiStatus(jwt) == 401);
    }

}
