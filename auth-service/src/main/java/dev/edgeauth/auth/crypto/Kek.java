package dev.edgeauth.auth.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * One key-encryption key and its id: a truncated SHA-256 of the key, stored beside each
 * ciphertext so a start with another KEK is told apart from a corrupt row. The key never
 * leaves in a {@code toString}.
 *
 * @param id the fingerprint
 * @param key the AES key
 */
record Kek(String id, SecretKeySpec key) {

    /** A KEK is 32 random bytes (AES-256). */
    static final int LENGTH = 32;

    /** How to make one, for every message that asks for a KEK. */
    static final String GENERATE_HINT = "Generate one with: openssl rand -base64 32";

    static Kek decode(String encoded, String name) {
        byte[] bytes = decodeBase64(encoded.trim());
        if (bytes == null || bytes.length != LENGTH) {
            throw new KeyEncryptionKeyException(name + " must be " + LENGTH + " random bytes in base64 (44 characters)",
                    GENERATE_HINT);
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("edgeauth-kek-id:".getBytes(StandardCharsets.US_ASCII));
            String id = HexFormat.of().formatHex(sha256.digest(bytes), 0, 8);
            return new Kek(id, new SecretKeySpec(bytes, "AES"));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available", ex);
        }
        finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static byte @Nullable [] decodeBase64(String encoded) {
        try {
            return Base64.getDecoder().decode(encoded);
        }
        catch (IllegalArgumentException ex) {
            try {
                return Base64.getUrlDecoder().decode(encoded);
            }
            catch (IllegalArgumentException ex2) {
                return null;
            }
        }
    }

    @Override
    public String toString() {
        return "Kek[id=" + this.id + "]";
    }

}
