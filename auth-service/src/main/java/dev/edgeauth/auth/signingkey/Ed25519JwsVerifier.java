package dev.edgeauth.auth.signingkey;

import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A Nimbus {@link JWSVerifier} for {@code alg: EdDSA} with an Ed25519 public key (RFC
 * 8037 §3.1), verifying with Bouncy Castle. Any other {@code alg} is a failed
 * verification, never a different check.
 */
final class Ed25519JwsVerifier implements JWSVerifier {

    /** RFC 8032 §5.1.6: R || S, 32 bytes each. */
    private static final int SIGNATURE_LENGTH = 64;

    private final Ed25519PublicKeyParameters publicKey;

    private final JCAContext jcaContext = new JCAContext();

    Ed25519JwsVerifier(Ed25519PublicKeyParameters publicKey) {
        this.publicKey = publicKey;
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            return false;
        }
        byte[] signatureBytes = signature.decode();
        if (signatureBytes.length != SIGNATURE_LENGTH) {
            // Garbage is refused before any curve arithmetic.
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, this.publicKey);
        verifier.update(signingInput, 0, signingInput.length);
        return verifier.verifySignature(signatureBytes);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
        return this.jcaContext;
    }

}
