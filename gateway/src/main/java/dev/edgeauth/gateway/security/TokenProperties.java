package dev.edgeauth.gateway.security;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What an access token must say to be accepted (contract: shared configuration).
 *
 * @param issuer the expected {@code iss}, exactly; default {@code http://localhost:8080}
 * @param audience a value {@code aud} must contain; default {@code edgeauth}
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat}; default 60 s
 * @param maxLength longer bearer tokens are refused before any parsing; default 4096
 * characters
 */
@Validated
@ConfigurationProperties("edgeauth.token")
public record TokenProperties(@DefaultValue("http://localhost:8080") @NotBlank String issuer,
        @DefaultValue("edgeauth") @NotBlank String audience, @DefaultValue("60s") @NotNull Duration clockSkew,
        @DefaultValue("4096") @Min(256) @Max(16384) int maxLength) {

}
