package dev.edgeauth.token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

import org.springframework.util.Assert;

/**
 * A private key that signs access tokens: Ed25519 (RFC 8032 §5.1.6, deterministic: no
 * random source needed). Immutable and thread-safe; its {@code toString} shows nothing of
 * the key.
 */
public final class TokenSigningKey {

    private static final byte[] SELF_TEST = "edgeauth signing key self-test".getBytes(StandardCharsets.US_ASCII);

    private final Ed25519PrivateKeyParameters key;

    private TokenSigningKey(Ed25519PrivateKeyParameters key) {
        this.key = key;
    }

    /**
     * @param privateKey the raw 32-byte Ed25519 private key (seed)
     * @return the key
     * @throws IllegalArgumentException when it is not 32 bytes
     */
    public static TokenSigningKey ed25519(byte[] privateKey) {
        Assert.isTrue(privateKey.length == Ed25519PrivateKeyParameters.KEY_SIZE, "an Ed25519 private key is 32 bytes");
        return new TokenSigningKey(new Ed25519PrivateKeyParameters(privateKey, 0));
    }

    /** The raw public key of this private key. */
    public byte[] publicKey() {
        return this.key.generatePublicKey().getEncoded();
    }

    /**
     * Whether a signature made with this key verifies with {@code verificationKey}: a
     * decrypted private key is checked against the public key stored beside it.
     * @param verificationKey the public key it should pair with
     * @return whether they are a pair
     */
    public boolean pairsWith(TokenVerificationKey verificationKey) {
        return Arrays.equals(publicKey(), verificationKey.encoded())
                && verificationKey.verifies(SELF_TEST, sign(SELF_TEST));
    }

    byte[] sign(byte[] signingInput) {
        byte[] signature = new byte[TokenVerificationKey.SIGNATURE_LENGTH];
        this.key.sign(Ed25519.Algorithm.Ed25519, null, signingInput, 0, signingInput.length, signature, 0);
        return signature;
    }

    @Override
    public String toString() {
        return "TokenSigningKey[private key hidden]";
    }

}
