package dev.edgeauth.common.problem;

/**
 * A kind of failure that means "a dependency is down or too slow", answered 503
 * {@code unavailable} with {@code Retry-After} rather than a 500. Common knows the
 * network's own (a timeout, a refused connection); a module that brings a dependency
 * registers a bean of this type for its failures (the database module does for R2DBC's),
 * so common needs none of their classes.
 */
@FunctionalInterface
public interface UnavailableCause {

    /**
     * Whether this one exception (not its causes: they are walked for you) is such a
     * failure.
     * @param ex an exception of the chain
     * @return whether it means the dependency is unavailable
     */
    boolean isUnavailable(Throwable ex);

}
