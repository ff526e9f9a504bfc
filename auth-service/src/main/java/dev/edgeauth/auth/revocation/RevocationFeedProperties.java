package dev.edgeauth.auth.revocation;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may read the revocation feed.
 *
 * @param token {@code EDGEAUTH_FEED_TOKEN}: when set (32 to 512 characters of RFC 6750
 * token syntax), {@code /internal/revocations} and its stream need
 * {@code Authorization: Bearer <it>}, which gateways send; it grants nothing else. Unset
 * (default): the feed answers whoever reaches the management port, which is allowed only
 * on a loopback address
 */
@ConfigurationProperties("edgeauth.revocation.feed")
public record RevocationFeedProperties(@Nullable String token) {

    /** The variable that sets {@link #token()}. */
    static final String TOKEN_VARIABLE = "EDGEAUTH_FEED_TOKEN";

    // Records print their components: never the secret.
    @Override
    public String toString() {
        return "RevocationFeedProperties[token=" + ((this.token != null) ? "(set)" : "(unset)") + "]";
    }

}
