package dev.edgeauth.auth.token;

import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;

/**
 * A bearer token was refused: 401 {@code invalid_token} (RFC 6750 §3.1). The
 * {@link #reason()} is for logs and tests; the client gets only a generic detail, so a
 * forger learns nothing about which check failed.
 */
public final class InvalidAccessTokenException extends ApiException {

    private final Reason reason;

    InvalidAccessTokenException(Reason reason) {
        super(ErrorCode.INVALID_TOKEN,
                (reason == Reason.EXPIRED) ? "The access token has expired" : "The access token is invalid");
        this.reason = reason;
    }

    /** Which check refused the token (a log reason code). */
    public Reason reason() {
        return this.reason;
    }

    /**
     * Why a token was refused.
     */
    public enum Reason {

        /** Not a compact JWS, too long, or a member of the wrong type. */
        MALFORMED,

        /** {@code alg} is not on the allow-list (only the signing algorithm's). */
        ALGORITHM_NOT_ALLOWED,

        /** {@code typ} is not {@code at+jwt} (RFC 9068 §4). */
        WRONG_TYPE,

        /**
         * A header parameter other than {@code alg}, {@code typ} and {@code kid}: never
         * {@code jku}, {@code jwk}, {@code x5u}, {@code x5c} or {@code crit}.
         */
        UNEXPECTED_HEADER,

        /** No {@code kid}, or not a published key. */
        UNKNOWN_KEY,

        /** The signature does not verify. */
        BAD_SIGNATURE,

        /** No {@code exp} (required, RFC 9068 §2.2). */
        MISSING_EXPIRY,

        /** Past {@code exp} plus the clock skew. */
        EXPIRED,

        /** Before {@code nbf}, or {@code iat} in the future, beyond the clock skew. */
        NOT_YET_VALID,

        /** {@code iss} is not the configured issuer. */
        WRONG_ISSUER,

        /** {@code aud} does not name the configured audience. */
        WRONG_AUDIENCE,

        /**
         * {@code sub}, {@code sid}, {@code jti}, {@code iat} or {@code roles} missing or
         * malformed.
         */
        MISSING_CLAIM

    }

}
