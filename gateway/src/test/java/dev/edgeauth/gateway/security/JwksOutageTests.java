package dev.edgeauth.gateway.security;

import java.util.UUID;

import dev.edgeauth.gateway.testing.GatewayTestSupport;
import dev.edgeauth.gateway.testing.TestKey;
import dev.edgeauth.gateway.testing.TestTokens;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWKS cache seen through the gateway: floods of unknown kids and an auth-service
 * outage.
 */
class JwksOutageTests extends GatewayTestSupport {

    @Test
    void requestsWhenThousandTokensWithRandomKidsThenHandfulOfJwksFetches() {
        int before = JWKS.requests();
        for (int i = 0; i < 1000; i++) {
            TestKey random = TestKey.generate(UUID.randomUUID().toString().replace("-", ""));
            assertThat(apiStatus(TestTokens.valid(random).sign())).isEqualTo(401);
        }
        assertThat(JWKS.requests() - before).isLessThanOrEqualTo(3);
        assertThat(BACKEND.requests()).isEmpty();
    }

    @Test
    void requestWhenJwksServerDownThenCachedKeysWorkAndUnknownKidRefused() {
        assertThat(apiStatus(TestTokens.valid(KEY).sign())).isEqualTo(200);
        JWKS.stop();
        try {
            assertThat(apiStatus(TestTokens.valid(KEY).sign())).isEqualTo(200);
            assertThat(apiStatus(TestTokens.valid(TestKey.generate("rotated-key")).sign())).isEqualTo(401);
        }
        finally {
            JWKS.restart();
        }
    }

}
