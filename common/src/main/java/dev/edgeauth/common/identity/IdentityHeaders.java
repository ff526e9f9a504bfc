package dev.edgeauth.common.identity;

/**
 * The request headers that carry a caller's identity from the gateway to a backend
 * (contract: "Identity forwarded to backends"). The gateway strips whatever a client sent
 * under these names and sets them from a verified access token; a backend trusts them
 * because only the gateway can reach it.
 */
public final class IdentityHeaders {

    /** The user id: the token's {@code sub}, a UUID. */
    public static final String USER_ID = "X-User-Id";

    /** The user's roles: the token's {@code roles}, comma-separated. */
    public static final String USER_ROLES = "X-User-Roles";

    /** The session id: the token's {@code sid}, a UUID. */
    public static final String SESSION_ID = "X-Session-Id";

    private IdentityHeaders() {
    }

}
