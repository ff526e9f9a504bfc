package dev.edgeauth.common.problem;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Recognizes the failures that mean "a dependency (database, auth-service, backend) is
 * down or too slow", which are answered 503 {@code unavailable} rather than a 500: a
 * timeout, a refused connection, and what each registered {@link UnavailableCause} says,
 * anywhere in the cause chain.
 */
final class UnavailableDependency {

    private static final int MAX_DEPTH = 16;

    private final List<UnavailableCause> causes;

    UnavailableDependency(List<UnavailableCause> causes) {
        this.causes = List.copyOf(causes);
    }

    boolean isCause(Throwable ex) {
        return find(ex) != null;
    }

    /** The class of the failure, for the log only (never for a response). */
    String describe(Throwable ex) {
        Throwable cause = find(ex);
        return (cause != null) ? cause.getClass().getName() : ex.getClass().getName();
    }

    private @Nullable Throwable find(Throwable ex) {
        Throwable current = ex;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (isUnavailable(current)) {
                return current;
            }
            current = current.getCause();
        }
        return null;
    }

    private boolean isUnavailable(Throwable ex) {
        if (ex instanceof TimeoutException || ex instanceof ConnectException) {
            return true;
        }
        for (UnavailableCause cause : this.causes) {
            if (cause.isUnavailable(ex)) {
                return true;
            }
        }
        return false;
    }

}
