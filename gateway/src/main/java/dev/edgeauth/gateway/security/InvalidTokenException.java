package dev.edgeauth.gateway.security;

/**
 * A bearer token was refused. The reason is a stable code for the log only; the client
 * always gets the same 401 {@code invalid_token}. No stack trace: it is an answer, thrown
 * on a hot path.
 */
final class InvalidTokenException extends RuntimeException {

    private final String reason;

    InvalidTokenException(String reason) {
        super(reason, null, false, false);
        this.reason = reason;
    }

    InvalidTokenException(String reason, Throwable cause) {
        super(reason, cause, false, false);
        this.reason = reason;
    }

    String reason() {
        return this.reason;
    }

}
