package dev.edgeauth.gateway.ratelimit;

import dev.edgeauth.gateway.routing.RateLimitPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's defaults, written as the IETF structured-field headers.
 */
class RateLimitHeadersTests {

    @Test
    void policyHeaderWhenContractDefaultsThenStructuredFieldsAsTheContractShows() {
        assertThat(RateLimitFilter.policyMember(RateLimitPolicy.DEFAULTS.get("login")))
            .isEqualTo("\"login\";q=10;w=60");
        assertThat(RateLimitFilter.policyMember(RateLimitPolicy.DEFAULTS.get("signup")))
            .isEqualTo("\"signup\";q=10;w=60");
        assertThat(RateLimitFilter.policyMember(RateLimitPolicy.DEFAULTS.get("refresh")))
            .isEqualTo("\"refresh\";q=60;w=60");
        assertThat(RateLimitFilter.policyMember(RateLimitPolicy.DEFAULTS.get("api"))).isEqualTo("\"api\";q=100;w=1");
    }

    @Test
    void limitHeaderWhenDecisionThenRemainingAndResetSeconds() {
        RateLimitDecision decision = new RateLimitDecision(RateLimitPolicy.DEFAULTS.get("login"),
                RateLimitDecision.Outcome.ALLOWED, 4, 42);

        assertThat(RateLimitFilter.limitMember(decision)).isEqualTo("\"login\";r=4;t=42");
    }

    @Test
    void defaultsWhenContractThenPerIpForAuthAndPerUserForApi() {
        assertThat(RateLimitPolicy.DEFAULTS.get("signup").key()).isEqualTo(RateLimitPolicy.Key.IP);
        assertThat(RateLimitPolicy.DEFAULTS.get("login").key()).isEqualTo(RateLimitPolicy.Key.IP);
        assertThat(RateLimitPolicy.DEFAULTS.get("refresh").key()).isEqualTo(RateLimitPolicy.Key.IP);
        assertThat(RateLimitPolicy.DEFAULTS.get("api").key()).isEqualTo(RateLimitPolicy.Key.USER);
        assertThat(RateLimitPolicy.DEFAULTS.values()).allMatch((p) -> p.backend() == RateLimitPolicy.Backend.LOCAL);
    }

}
