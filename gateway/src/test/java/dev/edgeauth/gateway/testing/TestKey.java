package dev.edgeauth.gateway.testing;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.util.Base64URL;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 test key with its {@code kid}, able to sign like the auth-service.
 */
public final class TestKey {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String kid;

    private final Ed25519PrivateKeyParameters privateKey;

    private TestKey(String kid, Ed25519PrivateKeyParameters privateKey) {
        this.kid = kid;
        this.privateKey = privateKey;
    }

    public static TestKey generate(String kid) {
        return new TestKey(kid, new Ed25519PrivateKeyParameters(RANDOM));
    }

    public String kid() {
        return this.kid;
    }

    public byte[] publicKey() {
        return this.privateKey.generatePublicKey().getEncoded();
    }

    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, this.privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    /** The public JWK as the auth-service publishes it (RFC 8037 §2). */
    public Map<String, Object> publicJwk() {
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("x", Base64URL.encode(publicKey()).toString());
        jwk.put("kid", this.kid);
        jwk.put("alg", "EdDSA");
        jwk.put("use", "sig");
        return jwk;
    }

}
