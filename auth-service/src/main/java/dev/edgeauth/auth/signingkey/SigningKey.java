package dev.edgeauth.auth.signingkey;

import java.time.Instant;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import dev.edgeauth.token.TokenSigningKey;
import dev.edgeauth.token.TokenVerificationKey;
import org.jspecify.annotations.Nullable;

/**
 * A signing key as an instance holds it in memory: its public JWK and verification key,
 * and, when its private part could be decrypted, its signing key.
 */
public final class SigningKey {

    private final String kid;

    private final int generation;

    private final JWSAlgorithm algorithm;

    private final Instant createdAt;

    private final Instant activatesAt;

    private final JWK publicJwk;

    private final TokenVerificationKey verificationKey;

    private final @Nullable TokenSigningKey signingKey;

    SigningKey(String kid, int generation, JWSAlgorithm algorithm, Instant createdAt, Instant activatesAt,
            JWK publicJwk, TokenVerificationKey verificationKey, @Nullable TokenSigningKey signingKey) {
        this.kid = kid;
        this.generation = generation;
        this.algorithm = algorithm;
        this.createdAt = createdAt;
        this.activatesAt = activatesAt;
        this.publicJwk = publicJwk;
        this.verificationKey = verificationKey;
        this.signingKey = signingKey;
    }

    /** The public key as the token module's verifier takes it. */
    public TokenVerificationKey verificationKey() {
        return this.verificationKey;
    }

    /** The key id, the JWS {@code kid} (RFC 7515 §4.1.4). */
    public String kid() {
        return this.kid;
    }

    /** The rotation number: 1 for the first key, one more per rotation. */
    public int generation() {
        return this.generation;
    }

    /** The JWS {@code alg} this key signs with. */
    public JWSAlgorithm algorithm() {
        return this.algorithm;
    }

    /** When the key was created, and so published in the JWKS. */
    public Instant createdAt() {
        return this.createdAt;
    }

    /** When the key starts signing. */
    public Instant activatesAt() {
        return this.activatesAt;
    }

    /** The public JWK as published: no private parameter. */
    public JWK publicJwk() {
        return this.publicJwk;
    }

    /**
     * Signs with this key.
     * @return the signer, or {@code null} when this instance could not decrypt the
     * private key (a key-encryption key change in progress): the key is then published
     * but never used to sign here
     */
    public @Nullable TokenSigningKey signingKey() {
        return this.signingKey;
    }

    @Override
    public String toString() {
        return "SigningKey[kid=" + this.kid + ", generation=" + this.generation + ", activatesAt=" + this.activatesAt
                + "]";
    }

}
