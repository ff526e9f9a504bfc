package dev.edgeauth.auth.session;

import java.util.Locale;

import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /auth/logout?scope=}: which of the user's sessions end.
 */
enum LogoutScope {

    /** This session (the default). */
    LOCAL,

    /** Every session of the user. */
    GLOBAL,

    /** Every session of the user but this one. */
    OTHERS;

    static LogoutScope parse(@Nullable String value) {
        if (value == null) {
            return LOCAL;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "local" -> LOCAL;
            case "global" -> GLOBAL;
            case "others" -> OTHERS;
            default -> throw new ApiException(ErrorCode.INVALID_REQUEST,
                    "Query parameter 'scope' must be local, global or others");
        };
    }

}
