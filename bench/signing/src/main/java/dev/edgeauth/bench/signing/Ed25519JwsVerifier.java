package dev.edgeauth.bench.signing;

import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

/**
 * A Nimbus {@link JWSVerifier} for {@code alg: EdDSA} (and {@code Ed25519}) that delegates
 * the signature check to an {@link Ed25519Backend}. Counterpart of {@link Ed25519JwsSigner}.
 *
 * <p>A signature of the wrong length is rejected before any curve arithmetic, as a
 * gateway would want for garbage tokens.
 */
public final class Ed25519JwsVerifier implements JWSVerifier {

    private static final int SIGNATURE_LENGTH = 64;

    private final Ed25519Backend backend;

    /** Unused by the backends, which bring their own provider; required by {@link JWSVerifier}. */
    private final JCAContext jcaContext = new JCAContext();

    /** @param backend verifies with its public key */
    public Ed25519JwsVerifier(Ed25519Backend backend) {
        this.backend = backend;
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        Ed25519JwsSigner.requireSupported(header.getAlgorithm());
        byte[] signatureBytes = signature.decode();
        if (signatureBytes.length != SIGNATURE_LENGTH) {
            return false;
        }
        try {
            return this.backend.verify(signingInput, signatureBytes);
        }
        catch (SignatureException ex) {
            // A malformed signature is a rejected token, not an error.
            return false;
        }
        catch (GeneralSecurityException ex) {
            throw new JOSEException("Ed25519 verification failed: " + ex.getMessage(), ex);
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Ed25519JwsSigner.ALGORITHMS;
    }

    @Override
    public JCAContext getJCAContext() {
        return this.jcaContext;
    }
}
