package dev.edgeauth.token;

import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

/**
 * Test fixture: a Nimbus {@link JWSSigner} over a {@link TokenSigningKey}, so a test can
 * sign any header and claims with the real key and prove that a rule, not the signature,
 * refuses them. Signs whatever {@code alg} the header names, as a forger would.
 */
public final class ForgingSigner implements JWSSigner {

    private final TokenSigningKey key;

    private final JCAContext context = new JCAContext();

    public ForgingSigner(TokenSigningKey key) {
        this.key = key;
    }

    @Override
    public Base64URL sign(JWSHeader header, byte[] signingInput) {
        return Base64URL.encode(signature(signingInput));
    }

    /**
     * Signs any signing input ({@code base64url(header) "." base64url(claims)}), for a
     * test that writes the JSON itself.
     * @param signingInput the JWS signing input
     * @return the raw Ed25519 signature
     */
    public byte[] signature(byte[] signingInput) {
        return this.key.sign(signingInput);
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return Set.of(JWSAlgorithm.EdDSA);
    }

    @Override
    public JCAContext getJCAContext() {
        return this.context;
    }

}
