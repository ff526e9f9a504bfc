package dev.edgeauth.auth.signingkey;

import java.security.SecureRandom;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import dev.edgeauth.token.TokenSigningKey;
import dev.edgeauth.token.TokenVerificationKey;

/**
 * The access-token signature algorithm and everything that depends on it: key generation,
 * the public JWK, the signing and verification keys. The choice is made once, in
 * {@link SigningKeyConfiguration#signingAlgorithm()}; nothing else names an algorithm.
 *
 * <p>
 * Keys travel as raw bytes (what is encrypted and stored), so switching algorithms
 * touches only an implementation of this interface.
 */
public interface SigningAlgorithm {

    /**
     * The JWS {@code alg} (RFC 7515 §4.1.1) of tokens signed by this algorithm: the only
     * one a verifier accepts.
     * @return the algorithm
     */
    JWSAlgorithm jwsAlgorithm();

    /**
     * Generates a key pair. Call it on a bounded scheduler, never on an event loop.
     * @param random the random source
     * @return the raw key pair
     */
    KeyPairBytes generate(SecureRandom random);

    /**
     * Derives the public key from a private key, so a decrypted private key can be
     * checked against the public key stored beside it.
     * @param privateKey the raw private key
     * @return the raw public key
     */
    byte[] publicKeyOf(byte[] privateKey);

    /**
     * The public JWK (RFC 7517 §4) with {@code use: sig}, {@code alg} and, as
     * {@code kid}, its RFC 7638 thumbprint. Never holds private parameters.
     * @param publicKey the raw public key
     * @return the public JWK
     */
    JWK publicJwk(byte[] publicKey);

    /**
     * The token module's signing key for a private key.
     * @param privateKey the raw private key
     * @return a thread-safe signing key
     */
    TokenSigningKey signingKey(byte[] privateKey);

    /**
     * The token module's verification key for a public key.
     * @param publicKey the raw public key
     * @return a thread-safe verification key
     */
    TokenVerificationKey verificationKey(byte[] publicKey);

    /**
     * A raw key pair.
     *
     * @param publicKey the public key bytes
     * @param privateKey the private key bytes (never logged)
     */
    record KeyPairBytes(byte[] publicKey, byte[] privateKey) {

        @Override
        public String toString() {
            return "KeyPairBytes[private key hidden]";
        }

    }

}
