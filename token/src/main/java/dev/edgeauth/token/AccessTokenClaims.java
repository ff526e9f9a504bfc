package dev.edgeauth.token;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a new access token says besides the issuer and audience (which come from
 * {@link TokenProperties}).
 *
 * @param userId {@code sub}
 * @param sessionId {@code sid}
 * @param roles {@code roles}
 * @param jti {@code jti}, a safe token
 * @param issuedAt {@code iat}, whole seconds
 * @param expiresAt {@code exp}, whole seconds
 */
public record AccessTokenClaims(UUID userId, UUID sessionId, List<String> roles, String jti, Instant issuedAt,
        Instant expiresAt) {

    public AccessTokenClaims {
        roles = List.copyOf(roles);
    }

}
