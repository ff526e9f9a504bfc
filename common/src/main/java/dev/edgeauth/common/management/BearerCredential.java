package dev.edgeauth.common.management;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

/**
 * A shared secret sent as {@code Authorization: Bearer <secret>} (RFC 6750 §2.1), with an
 * optional previous value that is accepted too while the secret is being changed.
 *
 * <p>
 * Only SHA-256 digests of the secrets are kept, and a presented value is compared with
 * every accepted digest by {@link MessageDigest#isEqual} (constant time), always with all
 * of them: how long a check takes says neither how much of a guess was right, nor which
 * of the two secrets matched.
 */
public final class BearerCredential {

    /** The shortest secret accepted: 32 characters (at least 192 bits as base64). */
    public static final int MIN_LENGTH = 32;

    /** The longest secret accepted; longer values in a header are refused unread. */
    public static final int MAX_LENGTH = 512;

    // RFC 6750 §2.1 b64token.
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private static final String BEARER_PREFIX = "bearer ";

    private final List<byte[]> digests;

    private BearerCredential(List<byte[]> digests) {
        this.digests = digests;
    }

    /**
     * The credential of a configured secret, or {@code null} when none is configured.
     * @param variable the environment variable that sets it, named in the error
     * @param secret the secret; {@code null} or blank: not configured
     * @param previous the previous secret, also accepted; {@code null} or blank: none
     * @return the credential, or {@code null} when {@code secret} is not configured
     * @throws ManagementPlaneException when a configured value is malformed, or a
     * previous one is set without a current one
     */
    public static @Nullable BearerCredential of(String variable, @Nullable String secret, @Nullable String previous) {
        Assert.hasText(variable, "variable cannot be empty");
        boolean hasSecret = secret != null && !secret.isBlank();
        boolean hasPrevious = previous != null && !previous.isBlank();
        if (!hasSecret) {
            if (hasPrevious) {
                throw new ManagementPlaneException(variable + "_PREVIOUS is set but " + variable + " is not",
                        "Set " + variable + " to the new secret, or unset " + variable + "_PREVIOUS.");
            }
            return null;
        }
        requireWellFormed(variable, secret);
        if (!hasPrevious) {
            return new BearerCredential(List.of(digest(secret)));
        }
        requireWellFormed(variable + "_PREVIOUS", previous);
        return new BearerCredential(List.of(digest(secret), digest(previous)));
    }

    /**
     * Checks a secret that a service sends rather than checks: the same rules.
     * @param variable the environment variable that sets it, named in the error
     * @param secret the configured value
     * @throws ManagementPlaneException when it is malformed
     */
    public static void requireWellFormed(String variable, String secret) {
        if (secret.length() < MIN_LENGTH || secret.length() > MAX_LENGTH || !B64TOKEN.matcher(secret).matches()) {
            // Never the value itself: the message reaches logs.
            throw new ManagementPlaneException(variable + " must be " + MIN_LENGTH + " to " + MAX_LENGTH
                    + " characters of A-Z a-z 0-9 - . _ ~ + / (then '=' padding); the value set has " + secret.length(),
                    "Generate one with: openssl rand -base64 32");
        }
    }

    /**
     * Whether a request carries one of the accepted secrets.
     * @param headers the request's headers
     * @return {@code true} when there is exactly one {@code Authorization} header, of
     * scheme {@code Bearer}, with an accepted secret
     */
    public boolean matches(HttpHeaders headers) {
        List<String> values = headers.getOrEmpty(HttpHeaders.AUTHORIZATION);
        if (values.size() != 1) {
            return false;
        }
        String value = values.get(0);
        if (value.length() > BEARER_PREFIX.length() + MAX_LENGTH
                || !value.regionMatches(true, 0, BEARER_PREFIX, 0, BEARER_PREFIX.length())) {
            return false;
        }
        byte[] presented = digest(value.substring(BEARER_PREFIX.length()).strip());
        boolean matched = false;
        for (byte[] accepted : this.digests) {
            matched |= MessageDigest.isEqual(presented, accepted);
        }
        return matched;
    }

    /**
     * The header value that presents a secret.
     * @param secret the secret
     * @return {@code Bearer <secret>}
     */
    public static String authorization(String secret) {
        return "Bearer " + secret;
    }

    @Override
    public String toString() {
        return "BearerCredential[secrets=" + this.digests.size() + "]";
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every JDK has SHA-256", ex);
        }
    }

}
