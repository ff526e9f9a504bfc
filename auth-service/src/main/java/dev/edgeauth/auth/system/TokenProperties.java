package dev.edgeauth.auth.system;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What every access token says and how long it lives ({@code edgeauth.token.*}; contract,
 * "Access token").
 *
 * @param issuer the {@code iss} claim and the issuer of the discovery document
 * ({@code EDGEAUTH_ISSUER}); default {@code http://localhost:8080}, the gateway, since
 * clients reach the auth-service through it
 * @param audience the {@code aud} claim ({@code EDGEAUTH_AUDIENCE}); default
 * {@code edgeauth}
 * @param accessTtl the access-token lifetime ({@code EDGEAUTH_ACCESS_TTL}); default 900
 * seconds
 * @param clockSkew how far clocks may disagree: the leeway of {@code exp}, {@code nbf}
 * and {@code iat} checks, and part of how long a retired key stays published
 * ({@code EDGEAUTH_CLOCK_SKEW}); default 60 seconds
 */
@ConfigurationProperties("edgeauth.token")
@Validated
public record TokenProperties(@DefaultValue("http://localhost:8080") @NotBlank String issuer,
        @DefaultValue("edgeauth") @NotBlank String audience,
        @DefaultValue("900s") @DurationMin(seconds = 1) @DurationMax(hours = 24) Duration accessTtl,
        @DefaultValue("60s") @DurationMin(seconds = 0) @DurationMax(minutes = 10) Duration clockSkew) {

    /**
     * How long a retired signing key stays published: the last token it signed expires
     * within the lifetime, and a verifier accepts it for the skew after that.
     * @return the access-token lifetime plus the clock skew
     */
    public Duration retention() {
        return this.accessTtl.plus(this.clockSkew);
    }

}
