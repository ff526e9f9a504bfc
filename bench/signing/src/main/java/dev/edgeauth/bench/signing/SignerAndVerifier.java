package dev.edgeauth.bench.signing;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;

/**
 * A JWS signer and the verifier for its public key, ready to use with Nimbus
 * ({@code SignedJWT.sign} / {@code SignedJWT.verify}).
 *
 * @param algorithm the {@code alg} the signer produces and the verifier accepts
 * @param signer signs with the private key
 * @param verifier verifies with the matching public key
 */
public record SignerAndVerifier(JWSAlgorithm algorithm, JWSSigner signer, JWSVerifier verifier) {
}
