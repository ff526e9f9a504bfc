package dev.edgeauth.auth.account;

import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * The body of signup and login: {@code {"email","password"}}.
 *
 * @param email the email as typed
 * @param password the password as typed
 */
record Credentials(@Nullable String email, @Nullable String password) {

    String requireEmail() {
        return require(this.email, "email");
    }

    String requirePassword() {
        return require(this.password, "password");
    }

    static String require(@Nullable String value, String field) {
        if (value == null) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "field '" + field + "' is required");
        }
        return value;
    }

    @Override
    public String toString() {
        return "Credentials[email=" + this.email + ", password=<hidden>]";
    }

}
