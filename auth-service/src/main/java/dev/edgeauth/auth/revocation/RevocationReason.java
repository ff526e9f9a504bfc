package dev.edgeauth.auth.revocation;

/**
 * Why a session ended: the feed's {@code reason} and the session's {@code revoked_reason}
 * (the same list in both tables' CHECK constraints).
 */
public enum RevocationReason {

    /** {@code POST /auth/logout}, any scope. */
    LOGOUT("logout"),

    /** {@code DELETE /auth/sessions/{id}}. */
    SESSION_REVOKED("session_revoked"),

    /** A spent refresh token presented after the grace window. */
    REUSE_DETECTED("reuse_detected"),

    /** The user changed their password: every other session ends. */
    PASSWORD_CHANGED("password_changed");

    private final String value;

    RevocationReason(String value) {
        this.value = value;
    }

    /** The value stored and sent in the feed. */
    public String value() {
        return this.value;
    }

}
