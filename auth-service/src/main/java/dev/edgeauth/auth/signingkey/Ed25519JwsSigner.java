package dev.edgeauth.auth.signingkey;

import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A Nimbus {@link JWSSigner} for {@code alg: EdDSA} with an Ed25519 key (RFC 8037 §3.1),
 * signing with Bouncy Castle's lightweight {@link Ed25519Signer} (pure Ed25519, RFC 8032
 * §5.1.6, deterministic: no random source needed).
 */
final class Ed25519JwsSigner implements JWSSigner {

    private final Ed25519PrivateKeyParameters privateKey;

    private final JCAContext jcaContext = new JCAContext();

    Ed25519JwsSigner(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
            throw new JOSEException("This signer signs alg EdDSA only");
        }
        // A new Ed25519Signer per call: the object buffers the message, so it is not
        // thread-safe; creating one costs next to nothing.
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, this.privateKey);
        signer.update(signingInput, 0, signingInput.length);
        return Base64URL.encode(signer.generateSignature());
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
        return this.jcaContext;
    }

    @Override
    public String toString() {
        return "Ed25519JwsSigner[private key hidden]";
    }

}
