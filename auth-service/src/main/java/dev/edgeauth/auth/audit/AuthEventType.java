package dev.edgeauth.auth.audit;

/**
 * The {@code type} of an audit row: the contract's list and the operator's admin grants
 * (the table's CHECK constraint holds the same list).
 */
public enum AuthEventType {

    SIGNUP("signup"),

    LOGIN_SUCCEEDED("login_succeeded"),

    LOGIN_FAILED("login_failed"),

    ACCOUNT_LOCKED("account_locked"),

    TOKEN_REFRESHED("token_refreshed"),

    REFRESH_TOKEN_REUSE_DETECTED("refresh_token_reuse_detected"),

    LOGOUT("logout"),

    SESSION_REVOKED("session_revoked"),

    PASSWORD_CHANGED("password_changed"),

    KEY_ROTATED("key_rotated"),

    /** An operator granted the {@code admin} role on the management port. */
    ADMIN_GRANTED("admin_granted"),

    /** An operator took the {@code admin} role away on the management port. */
    ADMIN_REVOKED("admin_revoked");

    private final String value;

    AuthEventType(String value) {
        this.value = value;
    }

    /** The value stored and shown in the events API. */
    public String value() {
        return this.value;
    }

}
