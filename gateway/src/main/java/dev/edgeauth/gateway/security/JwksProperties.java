package dev.edgeauth.gateway.security;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The JWKS cache policy (specs/gateway.md, "JWKS cache").
 *
 * @param uri where the auth-service publishes its keys; default
 * {@code {EDGEAUTH_AUTH_URL}/.well-known/jwks.json}
 * @param defaultTtl how long a fetched key set is fresh when the answer has no
 * {@code Cache-Control: max-age}; default 5 min
 * @param minTtl lower bound of the freshness taken from {@code max-age}; default 30 s
 * @param maxTtl upper bound of that freshness; default 1 h
 * @param refreshAhead how long before the end of freshness a use of the cache starts a
 * background refresh; default 1 min (at most half the freshness)
 * @param unknownKidRefetchInterval at most one fetch per interval is caused by tokens
 * with an unknown {@code kid}; default 10 s
 * @param unknownKidMemory how long a {@code kid} that a fetch did not contain is refused
 * without asking again; default 1 min
 * @param fetchTimeout the whole fetch (connect, answer, body); default 2 s
 */
@Validated
@ConfigurationProperties("edgeauth.gateway.jwks")
public record JwksProperties(@DefaultValue("http://localhost:9000/.well-known/jwks.json") @NotNull URI uri,
        @DefaultValue("5m") @NotNull Duration defaultTtl, @DefaultValue("30s") @NotNull Duration minTtl,
        @DefaultValue("1h") @NotNull Duration maxTtl, @DefaultValue("1m") @NotNull Duration refreshAhead,
        @DefaultValue("10s") @NotNull Duration unknownKidRefetchInterval,
        @DefaultValue("1m") @NotNull Duration unknownKidMemory, @DefaultValue("2s") @NotNull Duration fetchTimeout) {

}
