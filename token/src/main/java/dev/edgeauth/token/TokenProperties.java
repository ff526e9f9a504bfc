package dev.edgeauth.token;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What every access token says, how long it lives and how it is checked
 * ({@code edgeauth.token.*}; contract, "Access token"). The auth-service and the gateway
 * bind the same properties, so they cannot disagree.
 *
 * @param issuer the {@code iss} claim ({@code EDGEAUTH_ISSUER}); default
 * {@code http://localhost:8080}, the gateway, since clients reach the auth-service
 * through it
 * @param audience the {@code aud} claim ({@code EDGEAUTH_AUDIENCE}); default
 * {@code edgeauth}
 * @param accessTtl the access-token lifetime ({@code EDGEAUTH_ACCESS_TTL}); default 900
 * seconds (only the auth-service mints; a gateway whose revocation feed was silent for
 * longer is not ready until it has caught up)
 * @param clockSkew how far clocks may disagree: the leeway of the {@code exp},
 * {@code nbf} and {@code iat} checks ({@code EDGEAUTH_CLOCK_SKEW}); default 60 seconds
 * @param maxLength longer bearer tokens are refused unparsed
 * ({@code EDGEAUTH_TOKEN_MAX_LENGTH}); default 4096 characters
 */
@ConfigurationProperties("edgeauth.token")
@Validated
public record TokenProperties(@DefaultValue("http://localhost:8080") @NotBlank String issuer,
        @DefaultValue("edgeauth") @NotBlank String audience,
        @DefaultValue("900s") @DurationMin(seconds = 1) @DurationMax(hours = 24) Duration accessTtl,
        @DefaultValue("60s") @DurationMin(seconds = 0) @DurationMax(minutes = 10) Duration clockSkew,
        @DefaultValue("4096") @Min(256) @Max(16384) int maxLength) {

    /**
     * How long a retired signing key stays published: the last token it signed expires
     * within the lifetime, and a verifier accepts it for the skew after that.
     * @return the access-token lifetime plus the clock skew
     */
    public Duration retention() {
        return this.accessTtl.plus(this.clockSkew);
    }

}
