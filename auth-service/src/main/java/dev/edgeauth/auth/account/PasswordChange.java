package dev.edgeauth.auth.account;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /auth/password}.
 *
 * @param currentPassword the password now
 * @param newPassword the password to set
 */
record PasswordChange(@Nullable String currentPassword, @Nullable String newPassword) {

    @Override
    public String toString() {
        return "PasswordChange[<hidden>]";
    }

}
