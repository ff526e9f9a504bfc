package dev.edgeauth.bench.signing;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 through Bouncy Castle's lightweight API ({@link Ed25519Signer}), bypassing the
 * JCA layer altogether. Shows what the JCA indirection of {@link JcaEd25519Backend} costs.
 */
public final class BcLightweightEd25519Backend implements Ed25519Backend {

    private final Ed25519PrivateKeyParameters privateKey;

    private final Ed25519PublicKeyParameters publicKey;

    /** @param privateKey the private key; the public key is derived from it */
    public BcLightweightEd25519Backend(Ed25519PrivateKeyParameters privateKey) {
        this.privateKey = privateKey;
        this.publicKey = privateKey.generatePublicKey();
    }

    @Override
    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, this.privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    @Override
    public boolean verify(byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, this.publicKey);
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }
}
