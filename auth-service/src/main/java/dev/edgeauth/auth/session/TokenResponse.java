package dev.edgeauth.auth.session;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

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
 * @param deviceToken a login's or signup's device token (sent back in
 * {@code Edgeauth-Device} by a later login, specs/accounts.md); {@code null}, and then
 * absent from the JSON, on a refresh
 */
public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
        long refreshExpiresIn, UserSummary user,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String deviceToken) {

    public TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken,
            long refreshExpiresIn, UserSummary user) {
        this(accessToken, tokenType, expiresIn, refreshToken, refreshExpiresIn, user, null);
    }

    /**
     * This response with a device token.
     * @param token the device token
     * @return the response a login or signup sends
     */
    public TokenResponse withDeviceToken(String token) {
        return new TokenResponse(this.accessToken, this.tokenType, this.expiresIn, this.refreshToken,
                this.refreshExpiresIn, this.user, token);
    }

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
