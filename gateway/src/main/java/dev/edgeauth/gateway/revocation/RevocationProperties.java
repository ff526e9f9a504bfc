package dev.edgeauth.gateway.revocation;

import java.net.URI;
import java.time.Duration;

import dev.edgeauth.common.management.BearerCredential;
import jakarta.validation.constraints.Min;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway follows the auth-service's revocation feed (contract: "Revocation
 * feed").
 *
 * @param url the auth-service's internal base URL; default
 * {@code EDGEAUTH_AUTH_INTERNAL_URL} ({@code http://localhost:9100})
 * @param heartbeatTimeout a stream silent for this long is dropped and the feed polled
 * until it is reopened (the server sends a heartbeat at least every 5 s: two missed);
 * default 10 s
 * @param pollInterval how often the feed is polled while the stream is down; default 1 s
 * @param streamRetryMin first wait before the stream is tried again; default 1 s
 * @param streamRetryMax the wait doubles up to this; default 30 s
 * @param requestTimeout a poll (or the stream's first answer) that takes longer fails;
 * default 2 s
 * @param maxEntries revoked sessions kept at most (each until its {@code forget_after});
 * default 100,000 (152 bytes each, about 15 MB at most)
 * @param readyTimeout how long readiness waits, after the start or a reconnect after an
 * outage longer than the access-token lifetime, for the feed to be read up to date; when
 * it runs out the gateway logs it and is ready anyway, accepting the tokens of sessions
 * revoked meanwhile that it has not read yet (zero: readiness never waits); default 10 s
 * @param token {@code EDGEAUTH_FEED_TOKEN}: sent as {@code Authorization: Bearer <it>} on
 * every feed request; unset (default): none (the auth-service then serves the feed to
 * whoever reaches its management port)
 */
@Validated
@ConfigurationProperties("edgeauth.gateway.revocation")
public record RevocationProperties(@DefaultValue("http://localhost:9100") @NotNull URI url,
        @DefaultValue("10s") @NotNull Duration heartbeatTimeout, @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("1s") @NotNull Duration streamRetryMin, @DefaultValue("30s") @NotNull Duration streamRetryMax,
        @DefaultValue("2s") @NotNull Duration requestTimeout, @DefaultValue("100000") @Min(1) int maxEntries,
        @DefaultValue("10s") @NotNull @DurationMin(seconds = 0) Duration readyTimeout, @Nullable String token) {

    /** The variable that sets {@link #token()}. */
    public static final String TOKEN_VARIABLE = "EDGEAUTH_FEED_TOKEN";

    public RevocationProperties {
        if (token != null && token.isBlank()) {
            token = null;
        }
        if (token != null) {
            BearerCredential.requireWellFormed(TOKEN_VARIABLE, token);
        }
    }

    // Records print their components: never the secret.
    @Override
    public String toString() {
        return "RevocationProperties[url=" + this.url + ", token=" + ((this.token != null) ? "(set)" : "(unset)")
                + ", maxEntries=" + this.maxEntries + "]";
    }

}
