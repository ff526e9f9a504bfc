package dev.edgeauth.auth.crypto;

import dev.edgeauth.common.startup.StartupRefusal;

/**
 * The key-encryption key is unusable: malformed, or not the one the stored signing keys
 * were encrypted with. It stops start-up, reported as one line and an action (common's
 * {@link StartupRefusal}).
 *
 * <p>
 * Its message is a single line and never contains key material.
 */
public final class KeyEncryptionKeyException extends StartupRefusal {

    public KeyEncryptionKeyException(String reason, String action) {
        super(reason, action);
    }

}
