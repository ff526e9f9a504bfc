package dev.edgeauth.gateway.security;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The verified-token cache (specs/gateway.md, "Verified-token cache").
 *
 * @param enabled whether tokens already verified skip the signature check until they
 * expire (the revocation check is never skipped); default true
 * @param maxEntries bound on the tokens remembered; default 20,000 (432–474 bytes each,
 * about 9.5 MB at most)
 */
@Validated
@ConfigurationProperties("edgeauth.gateway.token-cache")
public record TokenCacheProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("20000") @Min(100) @Max(10_000_000) long maxEntries) {

}
