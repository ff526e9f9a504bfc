package dev.edgeauth.auth.signingkey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import org.springframework.util.Assert;

/**
 * Short-lived secrets other features must keep at rest (such as the successor of a spent
 * refresh token during its grace window), encrypted with the same key-encryption key as
 * the signing keys: AES-256-GCM, a fresh IV each time, and a purpose as associated data
 * so a ciphertext made for one purpose never decrypts for another.
 */
public final class SecretEncryption {

    private final KeyEncryption keys;

    private final SecureRandom random;

    SecretEncryption(KeyEncryption keys, SecureRandom random) {
        Assert.notNull(keys, "keys cannot be null");
        Assert.notNull(random, "random cannot be null");
        this.keys = keys;
        this.random = random;
    }

    /**
     * Encrypts a secret (microseconds: fine on an event loop; the IV comes from the
     * seeded DRBG).
     * @param secret the secret
     * @param purpose what it is and what it belongs to, bound to the ciphertext
     * @return the ciphertext
     */
    public byte[] encrypt(byte[] secret, String purpose) {
        return this.keys.seal(secret, associatedData(purpose), this.random);
    }

    /**
     * Decrypts a secret made by {@link #encrypt} with the current or the previous KEK.
     * @param ciphertext the ciphertext
     * @param purpose the purpose it was made for
     * @return the secret
     * @throws GeneralSecurityException when it does not decrypt (another purpose,
     * altered, or a KEK no longer configured)
     */
    public byte[] decrypt(byte[] ciphertext, String purpose) throws GeneralSecurityException {
        byte[] associatedData = associatedData(purpose);
        try {
            return this.keys.open(ciphertext, associatedData, this.keys.currentId());
        }
        catch (GeneralSecurityException ex) {
            String previous = this.keys.previousId();
            if (previous == null) {
                throw ex;
            }
            return this.keys.open(ciphertext, associatedData, previous);
        }
    }

    private static byte[] associatedData(String purpose) {
        return ("edgeauth:secret:" + purpose).getBytes(StandardCharsets.UTF_8);
    }

}
