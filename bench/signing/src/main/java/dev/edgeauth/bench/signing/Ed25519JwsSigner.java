package dev.edgeauth.bench.signing;

import java.security.GeneralSecurityException;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

/**
 * A Nimbus {@link JWSSigner} for {@code alg: EdDSA} (and the fully specified
 * {@code Ed25519}) that delegates the signature to an {@link Ed25519Backend}.
 *
 * <p>Nimbus's own {@code Ed25519Signer} is tied to Tink and ignores the JCA provider; this
 * class lets the benchmark put the JDK's SunEC or Bouncy Castle under the same JWS code.
 */
public final class Ed25519JwsSigner implements JWSSigner {

    /** The {@code alg} values an Ed25519 key produces. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    private final Ed25519Backend backend;

    /** Unused by the backends, which bring their own provider; required by {@link JWSSigner}. */
    private final JCAContext jcaContext = new JCAContext();

    /** @param backend signs with its private key */
    public Ed25519JwsSigner(Ed25519Backend backend) {
        this.backend = backend;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        requireSupported(header.getAlgorithm());
        try {
            return Base64URL.encode(this.backend.sign(signingInput));
        }
        catch (GeneralSecurityException ex) {
            throw new JOSEException("Ed25519 signing failed: " + ex.getMessage(), ex);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return ALGORITHMS;
    }

    @Override
    public JCAContext getJCAContext() {
        return this.jcaContext;
    }

    static void requireSupported(JWSAlgorithm algorithm) throws JOSEException {
        if (!ALGORITHMS.contains(algorithm)) {
            throw new JOSEException("Unsupported JWS algorithm " + algorithm + ", must be one of " + ALGORITHMS);
        }
    }
}
