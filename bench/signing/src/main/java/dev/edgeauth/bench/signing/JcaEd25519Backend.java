package dev.edgeauth.bench.signing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.Signature;

/**
 * Ed25519 through {@link java.security.Signature} ("Ed25519"): the JDK's SunEC when
 * {@code provider} is {@code null}, otherwise the given provider (e.g. Bouncy Castle).
 *
 * <p>A {@code Signature} is not thread-safe, so each call gets its own, just as Nimbus's
 * RSA and ECDSA signers do; the lookup cost is therefore part of the measurement.
 */
public final class JcaEd25519Backend implements Ed25519Backend {

    private static final String ALGORITHM = "Ed25519";

    private final KeyPair keyPair;

    private final Provider provider;

    /**
     * @param keyPair an Ed25519 key pair the provider accepts
     * @param provider the JCA provider, or {@code null} for the JDK's default
     */
    public JcaEd25519Backend(KeyPair keyPair, Provider provider) {
        this.keyPair = keyPair;
        this.provider = provider;
    }

    @Override
    public byte[] sign(byte[] message) throws GeneralSecurityException {
        Signature signature = newSignature();
        signature.initSign(this.keyPair.getPrivate());
        signature.update(message);
        return signature.sign();
    }

    @Override
    public boolean verify(byte[] message, byte[] signatureBytes) throws GeneralSecurityException {
        Signature signature = newSignature();
        signature.initVerify(this.keyPair.getPublic());
        signature.update(message);
        return signature.verify(signatureBytes);
    }

    private Signature newSignature() throws GeneralSecurityException {
        return (this.provider != null) ? Signature.getInstance(ALGORITHM, this.provider)
                : Signature.getInstance(ALGORITHM);
    }
}
