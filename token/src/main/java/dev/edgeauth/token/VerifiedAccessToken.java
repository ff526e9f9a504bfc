package dev.edgeauth.token;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a verified access token says.
 *
 * @param userId {@code sub}
 * @param sessionId {@code sid}
 * @param roles {@code roles}, each a simple token (no comma, no space)
 * @param jti {@code jti}
 * @param kid the key that signed it
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 */
public record VerifiedAccessToken(UUID userId, UUID sessionId, List<String> roles, String jti, String kid,
        Instant issuedAt, Instant expiresAt) {

    public VerifiedAccessToken {
        roles = List.copyOf(roles);
    }

}
