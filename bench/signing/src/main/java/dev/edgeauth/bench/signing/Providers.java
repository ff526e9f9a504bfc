package dev.edgeauth.bench.signing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.AlgorithmParameterSpec;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JCA providers under test and key generation through them.
 *
 * <p>"JDK default" is represented by {@code null}, which is what Nimbus's
 * {@code JCAContext.setProvider} expects for "use the installed providers". Bouncy Castle
 * is deliberately <em>not</em> registered with {@code Security.addProvider}: an instance is
 * passed explicitly, so the JDK-default variants keep running on SunRsaSign/SunEC.
 */
public final class Providers {

    /** Use the JDK's installed providers (SunRsaSign, SunEC, ...). */
    public static final Provider JDK_DEFAULT = null;

    /** One shared Bouncy Castle instance; building one is costly. */
    public static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

    private Providers() {
    }

    /** A fresh key pair of {@code algorithm} ("RSA", "EC", "Ed25519") from {@code provider}. */
    public static KeyPair generateKeyPair(String algorithm, AlgorithmParameterSpec spec, Provider provider)
            throws GeneralSecurityException {
        KeyPairGenerator generator = (provider != null) ? KeyPairGenerator.getInstance(algorithm, provider)
                : KeyPairGenerator.getInstance(algorithm);
        if (spec != null) {
            generator.initialize(spec);
        }
        return generator.generateKeyPair();
    }
}
