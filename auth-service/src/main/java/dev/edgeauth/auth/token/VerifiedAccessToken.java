package dev.edgeauth.auth.token;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a verified access token says.
 *
 * @param userId the user ({@code sub})
 * @param sessionId the session ({@code sid})
 * @param roles the roles
 * @param jti the token id
 * @param kid the key that signed it
 * @param issuedAt its {@code iat}
 * @param expiresAt its {@code exp}
 */
public record VerifiedAccessToken(UUID userId, UUID sessionId, List<String> roles, String jti, String kid,
        Instant issuedAt, Instant expiresAt) {

    public VerifiedAccessToken {
        roles = List.copyOf(roles);
    }

}
