package dev.edgeauth.auth.session;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Session lifetimes ({@code edgeauth.session.*}).
 *
 * @param idleTtl a session unused for this long ends ({@code EDGEAUTH_SESSION_IDLE_TTL};
 * default 7 days)
 * @param absoluteTtl a session ends this long after it began, however much it is used
 * ({@code EDGEAUTH_SESSION_ABSOLUTE_TTL}; default 30 days)
 * @param refreshGrace a spent refresh token presented again within this time is a
 * concurrent refresh and gets the same successor; after it, reuse
 * ({@code EDGEAUTH_REFRESH_GRACE}; default 10 seconds, at most 2 minutes: the successor
 * is kept, encrypted, for this long)
 */
@ConfigurationProperties("edgeauth.session")
@Validated
public record SessionProperties(@DefaultValue("7d") @DurationMin(seconds = 1) Duration idleTtl,
        @DefaultValue("30d") @DurationMin(seconds = 1) Duration absoluteTtl,
        @DefaultValue("10s") @DurationMin(seconds = 0) @DurationMax(minutes = 2) Duration refreshGrace) {

}
