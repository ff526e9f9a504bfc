package dev.edgeauth.common.problem;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A failure the client is told about: a contract {@link ErrorCode} and a human-readable
 * detail that is safe to send (no secret, no token, no class name). Rendered once, by
 * {@link ProblemWebExceptionHandler}.
 *
 * <p>
 * It carries no stack trace: it is an answer, not a bug, and it is thrown on hot paths.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode errorCode;

    private final @Nullable Duration retryAfter;

    public ApiException(ErrorCode errorCode, String detail) {
        this(errorCode, detail, null);
    }

    public ApiException(ErrorCode errorCode, String detail, @Nullable Duration retryAfter) {
        super(detail, null, false, false);
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    public ErrorCode errorCode() {
        return this.errorCode;
    }

    /**
     * How long the client should wait before it tries again; sent as {@code Retry-After}.
     * @return the wait, or {@code null} when the answer does not depend on time
     */
    public @Nullable Duration retryAfter() {
        return this.retryAfter;
    }

}
