package dev.edgeauth.common.problem;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

/**
 * Recognizes the failures that mean "a dependency (database, auth-service, backend) is
 * down or too slow", which the contract answers with 503 {@code unavailable} rather than
 * a 500.
 */
final class UnavailableDependency {

    private static final int MAX_DEPTH = 16;

    private UnavailableDependency() {
    }

    static boolean isCause(Throwable ex) {
        return find(ex) != null;
    }

    /** The class of the failure, for the log only (never for a response). */
    static String describe(Throwable ex) {
        Throwable cause = find(ex);
        return (cause != null) ? cause.getClass().getName() : ex.getClass().getName();
    }

    private static @Nullable Throwable find(Throwable ex) {
        Throwable current = ex;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (isUnavailable(current)) {
                return current;
            }
            current = current.getCause();
        }
        return null;
    }

    private static boolean isUnavailable(Throwable ex) {
        return ex instanceof DataAccessResourceFailureException || ex instanceof QueryTimeoutException
                || ex instanceof R2dbcNonTransientResourceException || ex instanceof R2dbcTransientResourceException
                || ex instanceof R2dbcTimeoutException || ex instanceof TimeoutException
                || ex instanceof ConnectException;
    }

}
