package dev.edgeauth.token;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

import org.springframework.util.Assert;

/**
 * A public key that verifies access-token signatures: Ed25519 (RFC 8032 §5.1.7, Bouncy
 * Castle). Immutable and thread-safe.
 */
public final class TokenVerificationKey {

    /** RFC 8032 §5.1.6: R || S, 32 bytes each. */
    static final int SIGNATURE_LENGTH = 64;

    private final Ed25519PublicKeyParameters key;

    private TokenVerificationKey(Ed25519PublicKeyParameters key) {
        this.key = key;
    }

    /**
     * @param publicKey the raw 32-byte Ed25519 public key (a JWK's {@code x})
     * @return the key
     * @throws IllegalArgumentException when it is not 32 bytes
     */
    public static TokenVerificationKey ed25519(byte[] publicKey) {
        Assert.isTrue(publicKey.length == Ed25519PublicKeyParameters.KEY_SIZE, "an Ed25519 public key is 32 bytes");
        return new TokenVerificationKey(new Ed25519PublicKeyParameters(publicKey, 0));
    }

    /** The raw public key. */
    public byte[] encoded() {
        return this.key.getEncoded();
    }

    boolean verifies(byte[] signingInput, byte[] signature) {
        return signature.length == SIGNATURE_LENGTH
                && this.key.verify(Ed25519.Algorithm.Ed25519, null, signingInput, 0, signingInput.length, signature, 0);
    }

}
