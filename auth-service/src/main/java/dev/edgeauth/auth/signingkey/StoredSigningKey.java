package dev.edgeauth.auth.signingkey;

import java.time.Instant;

import dev.edgeauth.auth.crypto.KeyEncryption;

/**
 * A {@code signing_keys} row: the public key in the clear, the private key encrypted.
 *
 * @param kid the key id (RFC 7638 thumbprint)
 * @param generation the rotation number, 1 for the first key
 * @param algorithm the JWS {@code alg}
 * @param publicKey the raw public key
 * @param encryptedPrivateKey the private key as {@link KeyEncryption} sealed it
 * @param kekId the id of the key-encryption key that sealed it
 * @param createdAt when it was created, and so published
 * @param activatesAt when it starts signing (and retires its predecessor)
 */
record StoredSigningKey(String kid, int generation, String algorithm, byte[] publicKey, byte[] encryptedPrivateKey,
        String kekId, Instant createdAt, Instant activatesAt) {

    @Override
    public String toString() {
        return "StoredSigningKey[kid=" + this.kid + ", generation=" + this.generation + ", kekId=" + this.kekId
                + ", createdAt=" + this.createdAt + ", activatesAt=" + this.activatesAt + "]";
    }

}
