package dev.edgeauth.bench.signing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * Every algorithm × provider combination the benchmark measures. The constant name is
 * {@code ALGORITHM_PROVIDER}; bench/signing.sh splits it at the first underscore.
 *
 * <ul>
 * <li>{@code JDK}: the JDK's default providers (SunRsaSign for RSA, SunEC for EC and Ed25519).
 * <li>{@code BC}: Bouncy Castle's JCA provider, handed to Nimbus via
 * {@code getJCAContext().setProvider(...)}.
 * <li>{@code BCLW}: Bouncy Castle's lightweight API, no JCA in between (Ed25519 only).
 * <li>{@code TINK}: Nimbus's own {@code Ed25519Signer}/{@code Ed25519Verifier}, which use
 * Google Tink's pure-Java Ed25519 (Ed25519 only).
 * </ul>
 *
 * RSA, RSA-PSS and ECDSA use Nimbus's signers and verifiers; Ed25519 on JDK/BC/BCLW uses
 * {@link Ed25519JwsSigner}/{@link Ed25519JwsVerifier} because Nimbus's Ed25519 classes
 * cannot take a JCA provider. Each call to {@link #create()} generates a fresh key pair.
 */
public enum Variant {

    RS256_JDK(() -> rsa(JWSAlgorithm.RS256, Providers.JDK_DEFAULT)),

    RS256_BC(() -> rsa(JWSAlgorithm.RS256, Providers.BOUNCY_CASTLE)),

    PS256_JDK(() -> rsa(JWSAlgorithm.PS256, Providers.JDK_DEFAULT)),

    PS256_BC(() -> rsa(JWSAlgorithm.PS256, Providers.BOUNCY_CASTLE)),

    ES256_JDK(() -> es256(Providers.JDK_DEFAULT)),

    ES256_BC(() -> es256(Providers.BOUNCY_CASTLE)),

    ED25519_JDK(() -> ed25519Jca(Providers.JDK_DEFAULT)),

    ED25519_BC(() -> ed25519Jca(Providers.BOUNCY_CASTLE)),

    ED25519_BCLW(Variant::ed25519BouncyCastleLightweight),

    ED25519_TINK(Variant::ed25519Tink);

    private static final int RSA_KEY_BITS = 2048;

    private final Factory factory;

    Variant(Factory factory) {
        this.factory = factory;
    }

    /** A new key pair of this variant, wrapped in a ready-to-use signer and verifier. */
    public SignerAndVerifier create() throws GeneralSecurityException, JOSEException {
        return this.factory.create();
    }

    private static SignerAndVerifier rsa(JWSAlgorithm algorithm, Provider provider) throws GeneralSecurityException {
        KeyPair keyPair = Providers.generateKeyPair("RSA",
                new RSAKeyGenParameterSpec(RSA_KEY_BITS, RSAKeyGenParameterSpec.F4), provider);
        RSASSASigner signer = new RSASSASigner(keyPair.getPrivate());
        signer.getJCAContext().setProvider(provider);
        RSASSAVerifier verifier = new RSASSAVerifier((RSAPublicKey) keyPair.getPublic());
        verifier.getJCAContext().setProvider(provider);
        return new SignerAndVerifier(algorithm, signer, verifier);
    }

    private static SignerAndVerifier es256(Provider provider) throws GeneralSecurityException, JOSEException {
        KeyPair keyPair = Providers.generateKeyPair("EC", new ECGenParameterSpec("secp256r1"), provider);
        ECDSASigner signer = new ECDSASigner((ECPrivateKey) keyPair.getPrivate());
        signer.getJCAContext().setProvider(provider);
        ECDSAVerifier verifier = new ECDSAVerifier((ECPublicKey) keyPair.getPublic());
        verifier.getJCAContext().setProvider(provider);
        return new SignerAndVerifier(JWSAlgorithm.ES256, signer, verifier);
    }

    private static SignerAndVerifier ed25519Jca(Provider provider) throws GeneralSecurityException {
        KeyPair keyPair = Providers.generateKeyPair("Ed25519", null, provider);
        return ed25519(new JcaEd25519Backend(keyPair, provider));
    }

    private static SignerAndVerifier ed25519BouncyCastleLightweight() {
        return ed25519(new BcLightweightEd25519Backend(new Ed25519PrivateKeyParameters(new SecureRandom())));
    }

    private static SignerAndVerifier ed25519(Ed25519Backend backend) {
        return new SignerAndVerifier(JWSAlgorithm.EdDSA, new Ed25519JwsSigner(backend),
                new Ed25519JwsVerifier(backend));
    }

    private static SignerAndVerifier ed25519Tink() throws JOSEException {
        OctetKeyPair key = new OctetKeyPairGenerator(Curve.Ed25519).keyID(AccessTokenFixture.KEY_ID).generate();
        return new SignerAndVerifier(JWSAlgorithm.EdDSA, new Ed25519Signer(key),
                new Ed25519Verifier(key.toPublicJWK()));
    }

    /** Builds one variant's key pair, signer and verifier. */
    @FunctionalInterface
    private interface Factory {

        SignerAndVerifier create() throws GeneralSecurityException, JOSEException;
    }
}
