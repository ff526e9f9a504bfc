package dev.edgeauth.auth.signingkey;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Signing keys: their schedule and their publication ({@code edgeauth.keys.*};
 * specs/signing-keys.md has the timeline). Their encryption at rest is
 * {@link dev.edgeauth.auth.crypto.KeyEncryptionProperties}, under the same prefix.
 *
 * @param rotationInterval how long each key signs before the next one takes over; default
 * 30 days
 * @param leadTime how long a new key is published before it signs anything; default 1
 * hour, at least twice {@code jwksMaxAge} plus {@code refreshInterval}, so every instance
 * serves it and every JWKS cache has picked it up first
 * @param jwksMaxAge the JWKS {@code Cache-Control: max-age}; default 10 minutes
 * @param refreshInterval how often an instance reloads the keys from the database and
 * checks the schedule; default 1 minute
 */
@ConfigurationProperties("edgeauth.keys")
@Validated
public record SigningKeyProperties(@DefaultValue("30d") @DurationMin(hours = 1) Duration rotationInterval,
        @DefaultValue("1h") @DurationMin(seconds = 1) Duration leadTime,
        @DefaultValue("10m") @DurationMin(seconds = 0) Duration jwksMaxAge,
        @DefaultValue("1m") @DurationMin(seconds = 1) Duration refreshInterval) {

    public SigningKeyProperties {
        Duration minimumLeadTime = jwksMaxAge.multipliedBy(2).plus(refreshInterval);
        if (leadTime.compareTo(minimumLeadTime) < 0) {
            throw new IllegalArgumentException("edgeauth.keys.lead-time (EDGEAUTH_KEY_LEAD_TIME) must be at least"
                    + " 2 x edgeauth.keys.jwks-max-age + edgeauth.keys.refresh-interval = " + minimumLeadTime
                    + ", so a new key is in every cached JWKS before it signs");
        }
        if (rotationInterval.compareTo(leadTime) <= 0) {
            throw new IllegalArgumentException("edgeauth.keys.rotation-interval (EDGEAUTH_KEY_ROTATION_INTERVAL)"
                    + " must be longer than edgeauth.keys.lead-time (" + leadTime + ")");
        }
    }

}
