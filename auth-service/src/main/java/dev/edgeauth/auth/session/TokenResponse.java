package dev.edgeauth.auth.session;

import java.util.UUID;

/**
 * The token response of signup, login and refresh (RFC 6749 §5.1 names, snake_case on the
 * wire), always sent with {@code Cache-Control: no-store}.
 *
 * @param accessToken the access token (a JWS)
 * @param tokenType always {@code Bearer}
 * @param expiresIn the access token's lifetime in seconds
 * @param refreshToken the refresh token (opaque)
 * @param refreshExpiresIn seconds until the session ends unless refreshed (the smaller
 * remainder of its idle and absolute lifetimes)
 * @param user who the tokens are for
 */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
        long refreshExpiresIn, UserSummary user) {

    /**
     * The user in a token response.
     *
     * @param id the user id
     * @param email the email
     */
    public record UserSummary(UUID id, String email) {

    }

    @Override
    public String toString() {
        return "TokenResponse[user=" + this.user.id() + "]";
    }

}
