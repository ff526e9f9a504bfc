package dev.edgeauth.bench.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks that every benchmark variant really signs and verifies (so the benchmark measures
 * working code), and that the hand-written Ed25519 signers produce standard signatures.
 * Run with {@code mvn -f bench/signing/pom.xml test}.
 */
class VariantTest {

    private final JWTClaimsSet claims = AccessTokenFixture.claims(Instant.now());

    @ParameterizedTest
    @EnumSource(Variant.class)
    void signedTokenVerifiesAndKeepsHeaderAndClaims(Variant variant) throws Exception {
        SignerAndVerifier keys = variant.create();
        SignedJWT parsed = SignedJWT.parse(sign(keys.signer(), keys.algorithm()));

        assertTrue(parsed.verify(keys.verifier()));
        assertEquals(keys.algorithm(), parsed.getHeader().getAlgorithm());
        assertEquals(AccessTokenFixture.ACCESS_TOKEN_TYPE, parsed.getHeader().getType());
        assertEquals(AccessTokenFixture.KEY_ID, parsed.getHeader().getKeyID());
        assertEquals(this.claims.toJSONObject(), parsed.getJWTClaimsSet().toJSONObject());
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void tokenWithSwappedClaimsIsRejected(Variant variant) throws Exception {
        SignerAndVerifier keys = variant.create();
        String[] parts = sign(keys.signer(), keys.algorithm()).split("\\.");
        String otherClaims = AccessTokenFixture.claims(Instant.now()).toPayload().toBase64URL().toString();

        SignedJWT forged = SignedJWT.parse(parts[0] + "." + otherClaims + "." + parts[2]);

        assertFalse(forged.verify(keys.verifier()));
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void tokenSignedWithAnotherKeyIsRejected(Variant variant) throws Exception {
        SignerAndVerifier otherKeys = variant.create();
        SignedJWT signedElsewhere = SignedJWT.parse(sign(otherKeys.signer(), otherKeys.algorithm()));

        assertFalse(signedElsewhere.verify(variant.create().verifier()));
    }

    /** Ed25519 is deterministic: one key must give byte-identical tokens on every implementation. */
    @Test
    void allEd25519ImplementationsProduceTheSameToken() throws Exception {
        byte[] seed = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        byte[] publicKey = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();

        PrivateKey jdkPrivate = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        PublicKey jdkPublic = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo(publicKey)));
        KeyFactory bcFactory = KeyFactory.getInstance("Ed25519", Providers.BOUNCY_CASTLE);
        KeyPair bcKeyPair = new KeyPair(bcFactory.generatePublic(new X509EncodedKeySpec(jdkPublic.getEncoded())),
                bcFactory.generatePrivate(new PKCS8EncodedKeySpec(jdkPrivate.getEncoded())));
        OctetKeyPair jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(publicKey))
                .d(Base64URL.encode(seed)).build();

        List<JWSSigner> signers = List.of(
                new Ed25519JwsSigner(new JcaEd25519Backend(new KeyPair(jdkPublic, jdkPrivate), Providers.JDK_DEFAULT)),
                new Ed25519JwsSigner(new JcaEd25519Backend(bcKeyPair, Providers.BOUNCY_CASTLE)),
                new Ed25519JwsSigner(new BcLightweightEd25519Backend(new Ed25519PrivateKeyParameters(seed, 0))),
                new Ed25519Signer(jwk));

        String expected = sign(signers.get(0), JWSAlgorithm.EdDSA);
        for (JWSSigner signer : signers) {
            assertEquals(expected, sign(signer, JWSAlgorithm.EdDSA), signer.getClass().getSimpleName());
        }
    }

    private String sign(JWSSigner signer, JWSAlgorithm algorithm) throws Exception {
        JWSHeader header = AccessTokenFixture.header(algorithm);
        SignedJWT jwt = new SignedJWT(header, this.claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** X.509 SubjectPublicKeyInfo DER for a raw Ed25519 public key (RFC 8410). */
    private static byte[] subjectPublicKeyInfo(byte[] rawPublicKey) {
        byte[] prefix = HexFormat.of().parseHex("302a300506032b6570032100");
        byte[] encoded = Arrays.copyOf(prefix, prefix.length + rawPublicKey.length);
        System.arraycopy(rawPublicKey, 0, encoded, prefix.length, rawPublicKey.length);
        return encoded;
    }
}
