package dev.edgeauth.auth.token;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Token ids ({@code jti}, RFC 7519 §4.1.7): 128 bits from the shared DRBG, base64url.
 *
 * <p>
 * Not {@code UUID.randomUUID()}: that seeds its own {@code SecureRandom} from
 * {@code /dev/urandom} on whatever thread first asks, possibly an event loop. The shared
 * DRBG was seeded at start-up and generates without I/O.
 */
final class TokenIds {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    TokenIds(SecureRandom random) {
        this.random = random;
    }

    String next() {
        byte[] id = new byte[16];
        this.random.nextBytes(id);
        return BASE64URL.encodeToString(id);
    }

}
