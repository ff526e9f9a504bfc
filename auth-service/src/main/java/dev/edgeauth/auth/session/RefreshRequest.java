package dev.edgeauth.auth.session;

import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /auth/refresh}, and of {@code POST /auth/logout} without a
 * bearer token: {@code {"refresh_token"}}.
 *
 * @param refreshToken the refresh token
 */
record RefreshRequest(@Nullable String refreshToken) {

    String requireRefreshToken() {
        if (this.refreshToken == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "field 'refresh_token' is required");
        }
        return this.refreshToken;
    }

    @Override
    public String toString() {
        return "RefreshRequest[<hidden>]";
    }

}
