package dev.edgeauth.auth.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Refresh tokens: 256 random bits from the shared DRBG (seeded at start-up, so generating
 * never reads {@code /dev/urandom} on an event loop), base64url; stored only as their
 * SHA-256 hash. A hash without a salt is right here: the token is random and long, so
 * there is nothing to guess or precompute.
 */
public final class RefreshTokens {

    static final int TOKEN_BYTES = 32;

    /** A refresh token's length in characters (base64url of 32 bytes, no padding). */
    public static final int TOKEN_LENGTH = 43;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public RefreshTokens(SecureRandom random) {
        this.random = random;
    }

    public String generate() {
        byte[] token = new byte[TOKEN_BYTES];
        this.random.nextBytes(token);
        return BASE64URL.encodeToString(token);
    }

    /** The stored form of a token. */
    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
        }
    }

    /** Whether a string could be a refresh token at all (checked before any lookup). */
    public static boolean isWellFormed(String candidate) {
        if (candidate.length() != TOKEN_LENGTH) {
            return false;
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean base64url = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
                    || c == '_';
            if (!base64url) {
                return false;
            }
        }
        return true;
    }

}
