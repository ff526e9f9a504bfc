package dev.edgeauth.auth.signingkey;

/**
 * The key-encryption key is unusable: malformed, or not the one the stored signing keys
 * were encrypted with. It stops start-up; {@link KeyEncryptionKeyFailureAnalyzer} reports
 * it as one line and an action, without a stack trace.
 *
 * <p>
 * Its message is a single line and never contains key material.
 */
public final class KeyEncryptionKeyException extends RuntimeException {

    private final String action;

    KeyEncryptionKeyException(String reason, String action) {
        super(reason, null, false, false);
        this.action = action;
    }

    /** What the operator should do about it. */
    public String action() {
        return this.action;
    }

}
