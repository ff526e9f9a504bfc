package dev.edgeauth.token;

import dev.edgeauth.common.problem.ApiException;
import dev.edgeauth.common.problem.ErrorCode;

/**
 * A bearer token was refused: 401 {@code invalid_token} (RFC 6750 §3.1). The
 * {@link #reason()} is for logs and tests; the client gets only a generic detail, so a
 * forger learns nothing about which check failed. No stack trace: it is an answer, thrown
 * on a hot path.
 */
public final class InvalidAccessTokenException extends ApiException {

    private final Reason reason;

    public InvalidAccessTokenException(Reason reason) {
        super(ErrorCode.INVALID_TOKEN,
                (reason == Reason.EXPIRED) ? "The access token has expired" : "The access token is invalid");
        this.reason = reason;
    }

    /** Which check refused the token. */
    public Reason reason() {
        return this.reason;
    }

    /**
     * Why a token was refused, in the order {@link AccessTokenVerifier} checks; each has
     * a stable log code.
     */
    public enum Reason {

        /** Longer than {@code edgeauth.token.max-length}. */
        TOO_LONG("too_long"),

        /** Not a compact JWS (three base64url parts), or a header that does not parse. */
        MALFORMED("malformed"),

        /** {@code alg} is not {@code EdDSA} ({@code none} and HMAC included). */
        ALGORITHM_NOT_ALLOWED("algorithm_not_allowed"),

        /** {@code typ} is not {@code at+jwt}. */
        WRONG_TYP("wrong_typ"),

        /** A {@code crit} header: no extension is understood. */
        CRIT_NOT_SUPPORTED("crit_not_supported"),

        /**
         * A key or key reference in the header: {@code jwk}, {@code jku}, {@code x5u},
         * {@code x5c}.
         */
        EMBEDDED_KEY_REFERENCE("embedded_key_reference"),

        /**
         * Any other header parameter besides {@code alg}, {@code typ} and {@code kid}.
         */
        UNEXPECTED_HEADER("unexpected_header"),

        /** No {@code kid}. */
        MISSING_KID("missing_kid"),

        /** A {@code kid} outside the key-id alphabet or length. */
        MALFORMED_KID("malformed_kid"),

        /** The {@code kid} names no key the verifier knows. */
        UNKNOWN_KID("unknown_kid"),

        /**
         * The key lookup could not fetch the published key set to look for the
         * {@code kid} (the gateway's JWKS cache, with the auth-service unreachable).
         */
        KEY_SET_UNAVAILABLE("jwks_unavailable"),

        /** The signature does not verify. */
        BAD_SIGNATURE("bad_signature"),

        /** The claims are not a JSON object of the right member types. */
        MALFORMED_CLAIMS("malformed_claims"),

        /** {@code iss} is not the configured issuer. */
        WRONG_ISS("wrong_iss"),

        /** {@code aud} does not name the configured audience. */
        WRONG_AUD("wrong_aud"),

        /** No {@code exp}. */
        MISSING_EXP("missing_exp"),

        /** At or past {@code exp} plus the clock skew. */
        EXPIRED("expired"),

        /** Before {@code nbf} minus the clock skew. */
        NOT_YET_VALID("not_yet_valid"),

        /** No {@code iat}. */
        MISSING_IAT("missing_iat"),

        /** {@code iat} after now plus the clock skew. */
        ISSUED_IN_FUTURE("issued_in_future"),

        /** No {@code jti}, or not a safe token. */
        BAD_JTI("bad_jti"),

        /** {@code sub} missing or not a UUID. */
        BAD_SUB("bad_sub"),

        /** {@code sid} missing or not a UUID. */
        BAD_SID("bad_sid"),

        /** {@code roles} missing, not an array, too many, or one not a simple token. */
        BAD_ROLES("bad_roles"),

        /**
         * Verification itself failed unexpectedly (a defect, logged with its cause): the
         * token is refused, never let through.
         */
        VERIFICATION_ERROR("verification_error");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The stable log code ({@code reason=bad_sid}). */
        public String code() {
            return this.code;
        }

    }

}
